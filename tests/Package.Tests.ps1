# The Gallery package: the staged manifest, publishing it into a local folder repository (the same script
# ./build.ps1 -Task Package uses), installing it from there into an empty module path, and using it by name in
# a new pwsh process (help, the export list, and the hello-world flow of tools/Demo.ps1 against the emulator).
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $root = Split-Path $PSScriptRoot
    $staged = $env:PSARI_MODULE_PATH
    $version = ([xml](Get-Content -Raw "$root/Directory.Build.props")).Project.PropertyGroup.Version
    $manifest = Test-ModuleManifest (Join-Path $staged 'PSAri.psd1')
    $work = Join-Path ([IO.Path]::GetTempPath()) ('psari-package-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Force $work
}

AfterAll {
    if ($work -and (Test-Path $work)) { Remove-Item -Recurse -Force $work }
}

Describe 'The staged manifest' {
    It 'passes Test-ModuleManifest and states the version, the exports and the editions that are tested' {
        $manifest.Name | Should -Be 'PSAri'
        $manifest.Version | Should -Be ([version]$version)
        $manifest.Guid | Should -Be '5f0c7f2e-3b1a-4d8e-9a56-2c4e8b7d1a93'
        $manifest.PowerShellVersion | Should -Be ([version]'7.6')
        $PSVersionTable.PSVersion | Should -BeGreaterOrEqual $manifest.PowerShellVersion
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.ExportedCmdlets.Count | Should -Be @(Get-Command -Module PSAri -CommandType Cmdlet).Count
        $manifest.ExportedCmdlets.Count | Should -BeGreaterThan 70
        $manifest.Tags | Should -Contain 'Asterisk'
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $staged 'LICENSE') | Should -BeTrue
        (Get-Content -Raw (Join-Path $staged 'LICENSE')) | Should -Match 'MIT License'
    }

    It "carries the CHANGELOG.md section of its version as ReleaseNotes" {
        $changelog = Get-Content -Raw "$root/CHANGELOG.md"
        $changelog | Should -Match "## \[$([regex]::Escape($version))\]"
        $manifest.ReleaseNotes | Should -Match '^### Added'
        $manifest.ReleaseNotes | Should -Match 'Receive-AriEvent'
        $manifest.ReleaseNotes | Should -Not -Match '## \['   # only its own section
        ($changelog -replace "`r", '').Contains(($manifest.ReleaseNotes -replace "`r", '')) | Should -BeTrue
    }
}

Describe 'The package' {
    It 'publishes to a folder repository, installs into an empty module path, and works by name in a new pwsh' {
        $repository = Join-Path $work 'repository'
        $nupkg = & "$root/tools/Publish-LocalPackage.ps1" -ModulePath $staged -RepositoryPath $repository
        $nupkg.Name | Should -Be "PSAri.$version.nupkg"
        Test-Path $nupkg.FullName | Should -BeTrue

        $install = Join-Path $work 'modules'
        $null = New-Item -ItemType Directory -Force $install
        $name = 'PSAriTest-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $name -Uri $repository -Trusted
        try { Save-PSResource -Name PSAri -Repository $name -Path $install -TrustRepository }
        finally { Unregister-PSResourceRepository -Name $name }
        Test-Path (Join-Path $install "PSAri/$version/PSAri.psd1") | Should -BeTrue
        Test-Path (Join-Path $install "PSAri/$version/en-US/PSAri.dll-Help.xml") | Should -BeTrue

        $child = Join-Path $work 'child.ps1'
        Set-Content -Path $child -Encoding utf8NoBOM -Value @'
param($InstallPath, $DemoPath)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $InstallPath + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module PSAri
"BASE=$((Get-Module PSAri).ModuleBase)"
"COMMANDS=$(@(Get-Command -Module PSAri).Count)"
"SYNOPSIS=$((Get-Help Connect-Ari).Synopsis)"
& $DemoPath -ModuleName PSAri
'@
        Push-Location $root   # dotnet pwsh comes from the repository's tool manifest
        try { $out = @(dotnet pwsh -NoProfile -NonInteractive -File $child -InstallPath $install -DemoPath "$root/tools/Demo.ps1" 2>&1 | ForEach-Object ToString) }
        finally { Pop-Location }
        $exit = $LASTEXITCODE
        $text = $out -join "`n"
        $exit | Should -Be 0 -Because $text

        $value = { param($Key) ($out | Where-Object { $_ -like "$Key=*" } | Select-Object -First 1).Substring($Key.Length + 1) }
        (& $value BASE) | Should -Be (Join-Path $install "PSAri/$version")
        [int](& $value COMMANDS) | Should -Be $manifest.ExportedCmdlets.Count
        $docs = Get-Content "$root/docs/en-US/Connect-Ari.md"
        $synopsis = $docs[[array]::IndexOf($docs, '## SYNOPSIS') + 1]
        $synopsis | Should -Not -BeNullOrEmpty
        (& $value SYNOPSIS) | Should -Be $synopsis
        $text | Should -Match 'StasisStart'
        $text | Should -Match 'PlaybackFinished'
        $text | Should -Match 'sound:hello-world'
        $text | Should -Match 'Hello world: done\.'
    }
}
