#Requires -Version 7.4
<#
.SYNOPSIS
    Soak: many calls through the card's pipeline and many events through Receive-AriEvent, on the built-in emulator.
.DESCRIPTION
    Calls: the card's pipeline
        Receive-AriEvent -App hello-world | Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world
    runs in a runspace of its own, as a user runs it. The emulator places the calls to 1000 in waves of -Wave; once
    a wave's greetings have finished, its phones hang up. Every call must reach the pipeline as StasisStart,
    PlaybackStarted, PlaybackFinished, ChannelHangupRequest and StasisEnd, and give one playback.
    Events: the emulator floods the app 'soak' with -Events numbered events (Flood mode); Receive-AriEvent must read
    each once, in order.

    For each part it reports events lost, errors, throughput and the working set of the process (after a full
    garbage collection) at the start, after warm-up (the first quarter, as in the bench's memory figure), in the middle and at the end. It exits 1 when an
    event was lost, an error occurred, or the working set grew more than -MaxGrowthMB from warm-up to the middle or
    the end; 0 otherwise. The emulator runs in the same process, so its memory counts too.
.EXAMPLE
    dotnet pwsh ./bench/Soak.ps1 -Calls 10000 -Events 1000000
#>
[CmdletBinding()]
param(
    [ValidateRange(1, [int]::MaxValue)] [int] $Calls = 10000,
    [ValidateRange(1, [int]::MaxValue)] [int] $Events = 1000000,
    # Calls placed at once.
    [ValidateRange(1, 1000)] [int] $Wave = 100,
    # Growth of the working set allowed after warm-up.
    [double] $MaxGrowthMB = 10,
    # Playback speed of the emulator: 1000 plays the 1.42 s greeting in 1.4 ms.
    [double] $TimeScale = 1000,
    # Seconds without progress after which the rest counts as lost.
    [double] $StallSec = 30,
    # The user and password the emulator takes (asterisk/asterisk by default).
    [pscredential] $Credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force)),
    # Also write the results as objects (for tests).
    [switch] $PassThru,
    # The staged module (./build.ps1 stages it); by default output/PSAri/<version> of this repository.
    [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if (-not $ModulePath) {
    $root = Split-Path $PSScriptRoot
    $version = ([xml](Get-Content -Raw "$root/Directory.Build.props")).Project.PropertyGroup.Version
    $ModulePath = Join-Path $root "output/PSAri/$version"
}
$manifest = if ($ModulePath -like '*.psd1') { $ModulePath } else { Join-Path $ModulePath 'PSAri.psd1' }
Import-Module $manifest

function Get-WorkingSetMB {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    [Math]::Round($process.WorkingSet64 / 1MB, 1)
}

# Waits until $Done is true; false when $Progress stayed the same for $StallSec seconds.
function Wait-Progress([scriptblock] $Done, [scriptblock] $Progress) {
    $last = & $Progress; $since = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Done)) {
        Start-Sleep -Milliseconds 20
        $now = & $Progress
        if ($now -ne $last) { $last = $now; $since.Restart() }
        elseif ($since.Elapsed.TotalSeconds -gt $StallSec) { return $false }
    }
    $true
}

# A runspace of its own with PSAri loaded, running $Script; output and errors stay in it.
function Start-Runspace([scriptblock] $Script, [hashtable] $Parameters) {
    $ps = [powershell]::Create()
    $null = $ps.AddCommand('Import-Module').AddParameter('Name', $manifest).Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddScript($Script.ToString())
    foreach ($name in $Parameters.Keys) { $null = $ps.AddParameter($name, $Parameters[$name]) }
    [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
}

# The first error records of a runspace still running (enumerating its collection would block: index it).
function Get-FirstError($Runspace, [int] $Count = 3) {
    $errors = $Runspace.PowerShell.Streams.Error
    for ($i = 0; $i -lt [Math]::Min($Count, $errors.Count); $i++) { "$($errors[$i])" }
}

function Measure-Part([string] $Part, [int] $Items, [scriptblock] $Count, [scriptblock] $Run) {
    $memory = [ordered]@{ Start = (Get-WorkingSetMB); WarmUp = $null; Middle = $null; End = $null }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    # $Run calls $Checkpoint as it goes; the memory is sampled once when 25% and 50% are done. Warm-up is a quarter,
    # not a tenth: at a tenth the GC's budgets have not settled (docs/soak.md has the runs that showed it).
    $checkpoint = {
        $done = & $Count
        if ($null -eq $memory.WarmUp -and $done -ge [Math]::Max(1, $Items / 4)) { $memory.WarmUp = Get-WorkingSetMB }
        if ($null -eq $memory.Middle -and $done -ge $Items / 2) { $memory.Middle = Get-WorkingSetMB }
    }
    $outcome = & $Run $checkpoint
    $seconds = $clock.Elapsed.TotalSeconds
    $memory.End = Get-WorkingSetMB
    $warm = if ($null -ne $memory.WarmUp) { $memory.WarmUp } else { $memory.Start }
    $growth = [Math]::Round([Math]::Max(($memory.Middle ?? $warm), $memory.End) - $warm, 1)
    [pscustomobject]@{
        Part         = $Part
        Items        = $Items
        Seconds      = [Math]::Round($seconds, 1)
        PerSecond    = [Math]::Round($Items / $seconds)
        Lost         = $outcome.Lost
        Errors       = $outcome.Errors
        StartMB      = $memory.Start
        WarmUpMB     = $memory.WarmUp
        MiddleMB     = $memory.Middle
        EndMB        = $memory.End
        GrowthMB     = $growth
        Detail       = $outcome.Detail
    }
}

$credential = $Credential
$emulator = Start-AriEmulator -Port 0 -TimeScale $TimeScale -Credential $credential
$connection = Connect-Ari $emulator.BaseUri $credential
$results = @()
try {
    # ---- calls through the card's pipeline ----
    $seen = [hashtable]::Synchronized(@{ StasisStart = 0; PlaybackStarted = 0; PlaybackFinished = 0; ChannelHangupRequest = 0; StasisEnd = 0; Playback = 0 })
    $card = Start-Runspace -Parameters @{ Uri = $emulator.BaseUri; Credential = $credential; Seen = $seen } -Script {
        param($Uri, $Credential, $Seen)
        $null = Connect-Ari -BaseUri $Uri -Credential $Credential
        Receive-AriEvent -App hello-world | ForEach-Object { $Seen[$_.Type] = 1 + $Seen[$_.Type]; $_ } |
            Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world |
            ForEach-Object { $Seen.Playback++ }
    }
    try {
        $listening = Wait-Progress { Get-AriApplication -Connection $connection -Name hello-world -ErrorAction Ignore } { 0 }
        if (-not $listening) { throw "The card's pipeline did not start: $(Get-FirstError $card)" }
        $results += Measure-Part 'calls' $Calls { $seen.StasisEnd } {
            param($Checkpoint)
            $placed = 0; $failed = 0; $stalled = $false
            while ($placed -lt $Calls -and -not $stalled) {
                $tasks = @(1..[Math]::Min($Wave, $Calls - $placed) | ForEach-Object { $emulator.PlaceCallAsync('1000') })
                try { [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]$tasks) } catch { }
                $failed += @($tasks | Where-Object { -not $_.IsCompletedSuccessfully }).Count
                $placed += $tasks.Count
                $answered = $placed - $failed
                # Hang up once the greetings ended, as the caller of the card's demo does.
                $stalled = -not (Wait-Progress { $seen.PlaybackFinished -ge $answered } { $seen.PlaybackFinished })
                foreach ($t in $tasks | Where-Object IsCompletedSuccessfully) { $null = $emulator.HangupCall($t.Result.Id) }
                $stalled = $stalled -or -not (Wait-Progress { $seen.StasisEnd -ge $answered } { $seen.StasisEnd })
                & $Checkpoint
            }
            $lost = 0
            foreach ($type in 'StasisStart', 'PlaybackStarted', 'PlaybackFinished', 'ChannelHangupRequest', 'StasisEnd', 'Playback') {
                $lost += [Math]::Max(0, $Calls - $seen[$type])
            }
            $errors = $failed + $card.PowerShell.Streams.Error.Count + [int]($card.Handle.IsCompleted)
            @{ Lost = $lost; Errors = $errors; Detail = ($seen.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ' ' }
        }
        Get-FirstError $card | ForEach-Object { Write-Warning "card: $_" }
    }
    finally { $card.PowerShell.Stop(); $card.PowerShell.Dispose() }

    # ---- events through Receive-AriEvent ----
    $tally = [hashtable]::Synchronized(@{ Count = 0; OutOfOrder = 0 })
    $reader = Start-Runspace -Parameters @{ C = $connection; N = $Events; Tally = $tally } -Script {
        param($C, $N, $Tally)
        $expected = 1
        Receive-AriEvent -Connection $C -App soak -Count $N | ForEach-Object {
            $seq = [long]$_.UserEvent['seq']
            if ($seq -ne $expected) { $Tally.OutOfOrder++ }
            $expected = $seq + 1
            $Tally.Count++
        }
    }
    try {
        $listening = Wait-Progress { Get-AriApplication -Connection $connection -Name soak -ErrorAction Ignore } { 0 }
        if (-not $listening) { throw "Receive-AriEvent -App soak did not start: $(Get-FirstError $reader)" }
        $results += Measure-Part 'events' $Events { $tally.Count } {
            param($Checkpoint)
            $flood = $emulator.Flood('soak', $Events)
            $null = Wait-Progress { & $Checkpoint; $reader.Handle.IsCompleted } { $tally.Count }
            $floodError = if ($flood.Wait([TimeSpan]::FromSeconds(5))) { $flood.Error } else { 'the flood did not end' }
            $errors = $reader.PowerShell.Streams.Error.Count + $tally.OutOfOrder + [int]($null -ne $floodError) + $connection.EventsDropped
            @{ Lost = $Events - $tally.Count; Errors = $errors; Detail = "received=$($tally.Count) outOfOrder=$($tally.OutOfOrder) dropped=$($connection.EventsDropped) floodSent=$($flood.Sent) floodError=$floodError" }
        }
        Get-FirstError $reader | ForEach-Object { Write-Warning "reader: $_" }
    }
    finally { $reader.PowerShell.Stop(); $reader.PowerShell.Dispose() }
}
finally {
    $connection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

$broken = @(foreach ($r in $results) {
        if ($r.Lost -gt 0) { "$($r.Part): $($r.Lost) events lost" }
        if ($r.Errors -gt 0) { "$($r.Part): $($r.Errors) errors" }
        if ($r.GrowthMB -gt $MaxGrowthMB) { "$($r.Part): the working set grew $($r.GrowthMB) MB after warm-up (limit $MaxGrowthMB MB)" }
    })
Write-Host ($results | Format-Table Part, Items, Seconds, PerSecond, Lost, Errors, StartMB, WarmUpMB, MiddleMB, EndMB, GrowthMB -AutoSize | Out-String -Width 200).TrimEnd()
$results | ForEach-Object { Write-Host "$($_.Part): $($_.Detail)" }
$machine = "$([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion)"
Write-Host "Machine: $machine"
if ($broken) { $broken | ForEach-Object { Write-Host "LIMIT BROKEN: $_" } } else { Write-Host 'All limits held: nothing lost, no errors, memory flat.' }
if ($PassThru) { $results }
exit ([int]($broken.Count -gt 0))
