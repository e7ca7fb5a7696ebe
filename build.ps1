<#
.SYNOPSIS
    Builds, stages, tests and demonstrates PSAri.
.DESCRIPTION
    Build: compiles src/PSAri and stages a loadable module in output/PSAri/<version>/
           (PSAri.psd1 with the version and cmdlet list stamped in, PSAri.dll, the format file, help).
    Test:  Build, then the xunit tests of the core and the Pester tests against the staged module;
           ends with the line "N passed, N failed" and exits non-zero when anything failed.
    Demo:  Build, then runs the hello-world flow against the built-in emulator.
    Bench: Build, then runs every benchmark of bench/ (several minutes; not part of Test) and writes the
           table into docs/benchmarks.md.
    Package: Build, then publishes the staged module into the local folder repository output/repository/
           (PSAri.<version>.nupkg), as tools/Publish-LocalPackage.ps1 does for the tests.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$version = ([xml](Get-Content -Raw "$root/Directory.Build.props")).Project.PropertyGroup.Version
$staged = Join-Path $root "output/PSAri/$version"
$results = Join-Path $root 'output/test-results'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-CmdletName {
    # The cmdlets are the [Cmdlet(Verbs*.Verb, "Noun")] classes of the source; the staged manifest exports exactly these.
    Get-ChildItem "$root/src/PSAri/Commands" -Filter *.cs -Recurse |
        Select-String -Pattern '\[Cmdlet\(\s*Verbs\w+\.(\w+)\s*,\s*"(\w+)"' |
        ForEach-Object { '{0}-{1}' -f $_.Matches[0].Groups[1].Value, $_.Matches[0].Groups[2].Value } |
        Sort-Object -Unique
}

function Get-ReleaseNote {
    # The CHANGELOG.md section of the version being built: the lines after "## [<version>]" up to the next "## ".
    $lines = Get-Content "$root/CHANGELOG.md"
    $start = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match "^## \[$([regex]::Escape($version))\]" })
    if ($start -lt 0) { throw "CHANGELOG.md has no section for version $version." }
    $section = $lines[($start + 1)..($lines.Count - 1)]
    $end = [array]::FindIndex([string[]]$section, [Predicate[string]] { param($l) $l -match '^## ' })
    if ($end -ge 0) { $section = if ($end -gt 0) { $section[0..($end - 1)] } else { @() } }
    ($section -join "`n").Trim()
}

function Invoke-Build {
    Invoke-Native 'dotnet build' { dotnet build "$root/src/PSAri/PSAri.csproj" -c $Configuration -nologo -v quiet -clp:ErrorsOnly }
    if (Test-Path (Split-Path $staged)) { Remove-Item -Recurse -Force (Split-Path $staged) }
    $null = New-Item -ItemType Directory -Force $staged
    $bin = "$root/src/PSAri/bin/$Configuration/netstandard2.0"
    Copy-Item "$bin/PSAri.dll", "$root/src/PSAri/PSAri.Format.ps1xml", "$root/LICENSE" $staged
    $cmdlets = @(Get-CmdletName)
    $notes = (Get-ReleaseNote) -replace "'", "''"
    $manifest = (Get-Content -Raw "$root/PSAri.psd1") `
        -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'" `
        -replace "CmdletsToExport\s*=\s*@\([^)]*\)", ("CmdletsToExport      = @(" + (($cmdlets | ForEach-Object { "'$_'" }) -join ', ') + ")") `
        -replace "ReleaseNotes\s*=\s*'[^']*'", { "ReleaseNotes = '$notes'" }
    Set-Content -Path "$staged/PSAri.psd1" -Value $manifest -Encoding utf8NoBOM
    if (Test-Path "$root/tools/HelpBuilder") {
        Invoke-Native 'help build' { dotnet run --project "$root/tools/HelpBuilder" -c Release -- --docs "$root/docs/en-US" --out "$staged/en-US" --assembly PSAri.dll }
    }
    Write-Host "Staged PSAri $version with $($cmdlets.Count) cmdlets in $staged"
}

function Get-PesterPath {
    Invoke-Native 'restore of test tools' { dotnet restore "$root/tools/Dependencies/Dependencies.csproj" -v quiet }
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    Join-Path $packages.Trim() 'pester/6.2.0/tools/Pester.psd1'
}

function Install-TestDependency {
    # tests/Tls.Tests.ps1 runs nginx (Debian's package nginx-light) as a TLS proxy in front of the emulator.
    # Installed here when missing and apt-get can run (as root, or through sudo without a prompt); otherwise
    # those tests fail with a message naming the package.
    if ((Get-Command nginx -CommandType Application -ErrorAction Ignore) -or (Test-Path /usr/sbin/nginx)) { return }
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction Ignore)) { return }
    $aptGet = if ((id -u) -eq '0') { { apt-get @args } }
        elseif (Get-Command sudo -CommandType Application -ErrorAction Ignore) { { sudo -n apt-get @args } }
        else { return }
    Write-Host '== Installing nginx-light for the TLS tests'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # A policy-rc.d that says 101 keeps the package from starting the system's nginx (port 80 on every address);
    # the tests run their own nginx on 127.0.0.1 only.
    $policy = '/usr/sbin/policy-rc.d'
    $ownPolicy = (id -u) -eq '0' -and -not (Test-Path $policy)
    if ($ownPolicy) { Set-Content -Path $policy -Value "#!/bin/sh`nexit 101"; chmod +x $policy }
    try {
        & $aptGet update -qq
        & $aptGet install -y -qq nginx-light
    }
    finally {
        if ($ownPolicy) { Remove-Item $policy }
    }
    if ($LASTEXITCODE -ne 0) { Write-Warning "apt-get install nginx-light failed (exit code $LASTEXITCODE); the TLS tests will fail." }
}

function Invoke-Test {
    Invoke-Build
    Install-TestDependency
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $null = New-Item -ItemType Directory -Force $results

    Write-Host '== xunit: the C# core'
    dotnet test "$root/tests/PSAri.Tests/PSAri.Tests.csproj" -c $Configuration -nologo `
        --logger 'trx;LogFileName=xunit.trx' --results-directory $results `
        --blame-hang-timeout 5m --blame-hang-dump-type none   # no memory dump: it would hold the test password; a test that hangs is killed, named and counted as failed instead of stalling the run
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $results 'xunit.trx'
    $xunit = if (Test-Path $trx) {
        ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    }
    $xunitPassed = if ($xunit) { [int]$xunit.passed } else { 0 }
    $xunitFailed = if ($xunit) { [int]$xunit.failed } else { 1 }
    if ($xunitExit -ne 0 -and $xunitFailed -eq 0) { $xunitFailed = 1 }   # the run itself broke

    Write-Host '== Pester: the cmdlets, against the staged module'
    $pester = Get-PesterPath
    $summary = Join-Path $results 'pester.json'
    $env:PSARI_MODULE_PATH = $staged
    Push-Location $root
    try {
        dotnet pwsh -NoProfile -NonInteractive -File "$root/tests/Invoke-PesterRun.ps1" -PesterPath $pester -TestPath "$root/tests" -SummaryPath $summary -ArtifactsPath $results
    }
    finally { Pop-Location }
    $pesterResult = if (Test-Path $summary) { Get-Content -Raw $summary | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    $passed = $xunitPassed + $pesterResult.Passed
    $failed = $xunitFailed + $pesterResult.Failed
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $($pesterResult.Passed) passed, $($pesterResult.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Push-Location $root
    try {
        dotnet pwsh -NoProfile -NonInteractive -File "$root/tools/Demo.ps1" -ModulePath $staged
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    finally { Pop-Location }
}

function Invoke-Package {
    Invoke-Build
    $repository = Join-Path $root 'output/repository'
    $package = & "$root/tools/Publish-LocalPackage.ps1" -ModulePath $staged -RepositoryPath $repository
    Write-Host "Published $package"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Build; & "$root/bench/Invoke-Bench.ps1" -ModulePath $staged -Configuration $Configuration }
}
