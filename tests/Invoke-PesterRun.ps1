<#
.SYNOPSIS
    Runs the Pester tests in a fresh process (so the staged module is the one loaded) and writes the totals as JSON.
.DESCRIPTION
    Everything the run produces goes into -ArtifactsPath: a transcript of the host output, the output and error
    records of every test, and the request lines of every emulator the tests start (see Common.ps1). At the end the
    whole folder (with the xunit trx, when build.ps1 put it there) is scanned for the tests' password
    (TestSecret.ps1) in any form; a hit counts as one failed test.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Where the run's products go; by default a temporary folder, removed at the end unless the scan found something.
    [string] $ArtifactsPath
)
$ErrorActionPreference = 'Stop'
. $PSScriptRoot/TestSecret.ps1
$temporary = -not $ArtifactsPath
if ($temporary) { $ArtifactsPath = Join-Path ([IO.Path]::GetTempPath()) "psari-test-run-$([guid]::NewGuid().ToString('n'))" }
$null = New-Item -ItemType Directory -Force $ArtifactsPath
$env:PSARI_TEST_ARTIFACTS = $ArtifactsPath
Import-Module $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$null = Start-Transcript -Path (Join-Path $ArtifactsPath 'pester-transcript.txt') -UseMinimalHeader
try { $result = Invoke-Pester -Configuration $config }
finally { $null = Stop-Transcript }

# What the host did not show in full: each test's output, and every error record with its exception chain.
$errors = @($result.Tests.ErrorRecord) + @($result.Failed.ErrorRecord) + @($result.FailedBlocks.ErrorRecord) + @($result.FailedContainers.ErrorRecord)
& {
    foreach ($t in $result.Tests) { $t.ExpandedPath; $t.StandardOutput | Out-String -Width 500 }
    foreach ($e in $errors | Where-Object { $_ }) { $e | Out-String -Width 500; "$($e.Exception)"; $e.ScriptStackTrace }
} | Set-Content -Path (Join-Path $ArtifactsPath 'pester-results.txt')

$leaks = @(& $PSScriptRoot/Find-LeakedSecret.ps1 -Path $ArtifactsPath -Password $TestPassword -User $TestUser)
$scanned = @(Get-ChildItem -LiteralPath $ArtifactsPath -File -Recurse).Name -join ', '
if ($leaks) {
    Write-Host "[-] Secret hygiene: the tests' password appears in what the run produced ($ArtifactsPath):" -ForegroundColor Red
    $leaks | ForEach-Object { Write-Host "    $_" -ForegroundColor Red }
}
else {
    Write-Host "[+] Secret hygiene: no trace of the tests' password in $scanned" -ForegroundColor Green
    if ($temporary) { Remove-Item -Recurse -Force $ArtifactsPath }
}

# Containers that failed to run (a broken BeforeAll, a syntax error) count as failures too, and so does a leak.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + [int]($leaks.Count -gt 0)
$passed = $result.PassedCount + [int]($leaks.Count -eq 0)
@{ Passed = $passed; Failed = $failed } | ConvertTo-Json | Set-Content -Path $SummaryPath
