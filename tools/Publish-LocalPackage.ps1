<#
.SYNOPSIS
    Publishes a staged PSAri module into a local folder repository and returns the .nupkg it made.
.DESCRIPTION
    Registers the folder as a trusted PSResourceGet repository under a name of its own, runs
    Publish-PSResource on the staged module, and unregisters the repository again (also on failure).
    Used by `./build.ps1 -Task Package` (into output/repository) and by tests/Package.Tests.ps1.
    Needs only Microsoft.PowerShell.PSResourceGet, which ships with PowerShell 7.6.
.EXAMPLE
    ./tools/Publish-LocalPackage.ps1 -ModulePath ./output/PSAri/0.1.0 -RepositoryPath ./output/repository
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    # The staged module folder (the one holding PSAri.psd1).
    [Parameter(Mandatory)] [string] $ModulePath,
    # The folder repository; created when missing. An existing package of the same version is replaced.
    [Parameter(Mandatory)] [string] $RepositoryPath
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet

$ModulePath = (Resolve-Path $ModulePath).Path
$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'PSAri.psd1')
$null = New-Item -ItemType Directory -Force $RepositoryPath
$RepositoryPath = (Resolve-Path $RepositoryPath).Path
$nupkg = Join-Path $RepositoryPath "PSAri.$($manifest.ModuleVersion).nupkg"
if (Test-Path $nupkg) { Remove-Item -Force $nupkg }

$name = 'PSAriLocal-' + [guid]::NewGuid().ToString('N')
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}
if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not produce $nupkg." }
Get-Item $nupkg
