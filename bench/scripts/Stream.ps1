# One repetition of the stream benchmark in a fresh pwsh: prints the events/s of one pipeline, first run in the process.
param(
    [Parameter(Mandatory)] [ValidateSet('Baseline', 'Where', 'Type', 'Memory')] [string] $Form,
    [Parameter(Mandatory)] [int] $Count,
    [int] $Port,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TrivialModulePath
)
$ErrorActionPreference = 'Stop'
if ($Form -eq 'Baseline') {
    Import-Module $TrivialModulePath
}
else {
    Import-Module $ModulePath
    $credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
    $null = Connect-Ari "http://127.0.0.1:$Port/" $credential
}
$clock = [Diagnostics.Stopwatch]::StartNew()
$measured = switch ($Form) {
    'Baseline' { Get-BenchEvent -Count $Count | Where-Object Type -eq StasisStart | Measure-Object }
    'Where' { Receive-AriEvent -App bench -Count $Count | Where-Object Type -eq StasisStart | Measure-Object }
    'Type' { Receive-AriEvent -App bench -Type StasisStart -Count $Count | Measure-Object }
    'Memory' { Receive-AriEvent -App bench -Count $Count | Measure-Object }
}
$seconds = $clock.Elapsed.TotalSeconds
if ($measured.Count -ne $Count) { throw "Counted $($measured.Count) events, expected $Count." }
'RESULT ' + (@{ eventsPerSecond = $Count / $seconds } | ConvertTo-Json -Compress)
