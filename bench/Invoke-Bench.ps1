<#
.SYNOPSIS
    Runs every benchmark of PSAri (issue 5) in one run and prints a table of medians (min-max) and the ratios
    against the targets; writes the same table, with the machine it ran on, into docs/benchmarks.md.
.DESCRIPTION
    Called by `./build.ps1 -Task Bench` after the module is built and staged. Each repetition runs in a fresh
    process (pwsh or the PSAri.Bench console), so "first run in process" figures stay first runs; the emulator
    the PowerShell benchmarks talk to runs in its own process (PSAri.Bench serve). Ratios compare figures
    measured in this same run, so they hold on a busy machine better than the absolute figures do.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 5,
    [string] $Configuration = 'Release',
    # Where the table goes: the part of the file between the bench markers is replaced.
    [string] $Report = (Join-Path $PSScriptRoot '../docs/benchmarks.md')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot

# ---- sizes: each repetition takes about 1-5 s on a 2-core machine ----
$StreamEvents = 100000
$CoreEvents = 200000
$FloodEvents = 500000
$Calls = 1000
$LatencyCalls = 1000
$LatencyWarmup = 50
$RestCalls = 2000
$RestWarmupRounds = 10   # the warm REST forms: 10 x $RestCalls untimed calls first
$MemoryEvents = 1000000

foreach ($project in 'PSAri.Bench', 'PSAri.Bench.Cmdlets') {
    dotnet build "$PSScriptRoot/$project" -c $Configuration -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
}
$benchExe = "$PSScriptRoot/PSAri.Bench/bin/$Configuration/net10.0/PSAri.Bench.dll"
$trivialModule = "$PSScriptRoot/PSAri.Bench.Cmdlets/bin/$Configuration/netstandard2.0/PSAri.Bench.Cmdlets.dll"
$psariModule = Join-Path $ModulePath 'PSAri.psd1'
$scripts = "$PSScriptRoot/scripts"

# A fresh pwsh like the one running this script (under `dotnet pwsh`, the process is dotnet and pwsh.dll its argument).
$pwsh = [Environment]::ProcessPath
$pwshPrefix = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @("$PSHOME/pwsh.dll") } else { @() }

function Start-Child {
    param([string[]] $Command, [hashtable] $Environment = @{})
    $info = [Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($a in $Command[1..($Command.Count - 1)]) { $info.ArgumentList.Add([string]$a) }
    foreach ($e in $Environment.GetEnumerator()) { $info.Environment[$e.Key] = $e.Value }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    [Diagnostics.Process]::Start($info)
}

function Read-Result {
    # The child's "RESULT {json}" line, as a hashtable; throws with the child's output when it has none.
    param([Diagnostics.Process] $Process, [string] $What)
    $lines = [Collections.Generic.List[string]]::new()
    while ($null -ne ($line = $Process.StandardOutput.ReadLine())) {
        $lines.Add($line)
        if ($line.StartsWith('RESULT ')) { return $line.Substring(7) | ConvertFrom-Json -AsHashtable }
    }
    throw "$What printed no result:`n$($lines -join "`n")"
}

function Invoke-Child {
    param([string[]] $Command, [string] $What, [hashtable] $Environment = @{})
    $p = Start-Child $Command $Environment
    try {
        $p.StandardInput.Close()
        $result = Read-Result $p $What
        $p.WaitForExit()
        $result
    }
    finally { if (-not $p.HasExited) { $p.Kill() }; $p.Dispose() }
}

function Invoke-Pwsh { param([string] $Script, [string[]] $Arguments, [hashtable] $Environment = @{}) Invoke-Child (@($pwsh) + $pwshPrefix + @('-NoProfile', '-NonInteractive', '-File', "$scripts/$Script") + $Arguments) $Script $Environment }

# A run named FormNoTiering (an information row "without tiered JIT") is the form's run with the whole process
# JIT-compiled fully optimized at first call: how much of a first run the .NET JIT's tiering takes (docs/benchmarks.md).
function Get-RunEnvironment { param([string] $Run) if ($Run -like '*NoTiering') { @{ DOTNET_TieredCompilation = '0' } } else { @{} } }
function Invoke-BenchExe { param([string[]] $Arguments) Invoke-Child (@('dotnet', $benchExe) + $Arguments) "PSAri.Bench $($Arguments -join ' ')" }

function Start-Server {
    # PSAri.Bench serve ...: returns the process and its port; it runs until its stdin is closed.
    param([string[]] $Arguments)
    $p = Start-Child (@('dotnet', $benchExe, 'serve') + $Arguments)
    $first = $p.StandardOutput.ReadLine()
    if ($first -notmatch '^PORT (\d+)$') { $p.Kill(); throw "The bench emulator did not start: $first" }
    [pscustomobject]@{ Process = $p; Port = [int]$Matches[1] }
}

function Stop-Server {
    param($Server)
    $Server.Process.StandardInput.Close()
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    $Server.Process.Dispose()
}

# ---- figures ----
$figures = [ordered]@{}
function Add-Figure {
    param([string] $Name, [string] $Unit, [double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $median = if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
    $figures[$Name] = [pscustomobject]@{ Benchmark = $Name; Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Unit = $Unit; Runs = $sorted.Count }
    Write-Host ("  {0}: {1:N1} {2} ({3:N1}-{4:N1}, {5} runs)" -f $Name, $median, $Unit, $sorted[0], $sorted[-1], $sorted.Count)
}

$started = [DateTime]::UtcNow
$load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }

Write-Host "== stream: $StreamEvents StasisStart events, fresh pwsh per run"
$server = Start-Server @('--flood', $StreamEvents)
try {
    $runs = @{ Baseline = @(); Where = @(); Type = @(); BaselineNoTiering = @(); WhereNoTiering = @() }
    for ($r = 0; $r -lt $Repetitions; $r++) {
        foreach ($run in 'Baseline', 'Where', 'Type', 'BaselineNoTiering', 'WhereNoTiering') {
            $form = $run -replace 'NoTiering$'
            $runs[$run] += (Invoke-Pwsh Stream.ps1 @('-Form', $form, '-Count', $StreamEvents, '-Port', $server.Port, '-ModulePath', $psariModule, '-TrivialModulePath', $trivialModule) (Get-RunEnvironment $run)).eventsPerSecond
        }
    }
}
finally { Stop-Server $server }
Add-Figure 'stream: Get-BenchEvent | Where-Object | Measure-Object' 'events/s' $runs.Baseline
Add-Figure 'stream: Receive-AriEvent | Where-Object | Measure-Object' 'events/s' $runs.Where
Add-Figure 'stream: Receive-AriEvent -Type | Measure-Object' 'events/s' $runs.Type
Add-Figure 'stream: Get-BenchEvent | Where-Object | Measure-Object, without tiered JIT' 'events/s' $runs.BaselineNoTiering
Add-Figure 'stream: Receive-AriEvent | Where-Object | Measure-Object, without tiered JIT' 'events/s' $runs.WhereNoTiering

Write-Host "== core: $CoreEvents events, C#, fresh process per run"
$runs = @{ psari = @(); bare = @() }
for ($r = 0; $r -lt $Repetitions; $r++) {
    foreach ($client in 'psari', 'bare') {
        $runs[$client] += (Invoke-BenchExe @('core', '--client', $client, '--events', $CoreEvents)).eventsPerSecond
    }
}
Add-Figure 'core: PSAri socket + parser' 'events/s' $runs.psari
Add-Figure 'core: bare ClientWebSocket + STJ source-gen' 'events/s' $runs.bare

Write-Host "== latency: the card's pipeline, $LatencyCalls calls one at a time (after $LatencyWarmup warm-up calls)"
$p50 = @(); $p99 = @()
for ($r = 0; $r -lt [math]::Min($Repetitions, 3); $r++) {
    $server = Start-Server @('--calls', $LatencyCalls, '--warmup', $LatencyWarmup)
    try {
        $card = Start-Child (@($pwsh) + $pwshPrefix + @('-NoProfile', '-NonInteractive', '-File', "$scripts/Latency.ps1", '-Port', $server.Port, '-Calls', ($LatencyCalls + $LatencyWarmup), '-ModulePath', $psariModule))
        $result = Read-Result $server.Process 'the latency emulator'
        $card.StandardInput.Close()
        if (-not $card.WaitForExit(30000)) { $card.Kill(); throw 'The card pipeline did not end after its last call.' }
        $card.Dispose()
    }
    finally { Stop-Server $server }
    $p50 += $result.p50; $p99 += $result.p99
}
Add-Figure 'latency: StasisStart to play request, p50' 'ms' $p50
Add-Figure 'latency: StasisStart to play request, p99' 'ms' $p99

Write-Host "== REST: $RestCalls sequential GETs of one channel, fresh pwsh per form and run (first runs, without tiered JIT, warm)"
$runs = @{ PSAri = @(); Http = @(); Cmdlet = @(); PSAriNoTiering = @(); HttpNoTiering = @(); PSAriWarm = @(); HttpWarm = @(); CmdletWarm = @() }
for ($r = 0; $r -lt $Repetitions; $r++) {
    foreach ($run in 'PSAri', 'Http', 'Cmdlet', 'PSAriNoTiering', 'HttpNoTiering', 'PSAriWarm', 'HttpWarm', 'CmdletWarm') {
        $form = $run -replace '(NoTiering|Warm)$'
        $warmup = if ($run -like '*Warm') { $RestWarmupRounds } else { 0 }
        $result = Invoke-Pwsh Rest.ps1 @('-Form', $form, '-Count', $RestCalls, '-WarmupRounds', $warmup, '-ModulePath', $psariModule, '-TrivialModulePath', $trivialModule) (Get-RunEnvironment $run)
        if ($result.connections -ne 1) { throw "REST ($run): expected one TCP connection, the emulator counted $($result.connections)." }
        $runs[$run] += $result.perSecond
    }
}
Add-Figure 'REST: Get-AriChannel -Id (1 connection)' 'calls/s' $runs.PSAri
Add-Figure 'REST: bare HttpClient GET (1 connection)' 'calls/s' $runs.Http
Add-Figure 'REST: the same GET in a trivial binary cmdlet (1 connection)' 'calls/s' $runs.Cmdlet
Add-Figure 'REST: Get-AriChannel -Id, without tiered JIT' 'calls/s' $runs.PSAriNoTiering
Add-Figure 'REST: bare HttpClient GET, without tiered JIT' 'calls/s' $runs.HttpNoTiering
Add-Figure "REST: Get-AriChannel -Id, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)" 'calls/s' $runs.PSAriWarm
Add-Figure "REST: bare HttpClient GET, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)" 'calls/s' $runs.HttpWarm
Add-Figure "REST: the GET in a trivial binary cmdlet, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)" 'calls/s' $runs.CmdletWarm

Write-Host '== start-up: Import-Module in a fresh pwsh'
# Both modules as installed modules are: a folder named after the module, with its manifest, found on PSModulePath.
$trivialRoot = Join-Path $PSScriptRoot "PSAri.Bench.Cmdlets/bin/$Configuration/modules"
$trivialStaged = Join-Path $trivialRoot 'PSAri.Bench.Cmdlets'
$null = New-Item -ItemType Directory -Force $trivialStaged
Copy-Item (Join-Path (Split-Path $trivialModule) 'PSAri.Bench.Cmdlets.*') $trivialStaged -Force
$psariRoot = Split-Path (Split-Path $ModulePath)
if ((Split-Path -Leaf (Split-Path $ModulePath)) -ne 'PSAri') { throw "The staged module must be in a folder named PSAri: $ModulePath" }
$runs = @{ psari = @(); trivial = @(); psariDll = @(); trivialDll = @() }
for ($r = 0; $r -lt $Repetitions; $r++) {
    $runs.psari += (Invoke-Pwsh Import.ps1 @('-Module', 'PSAri', '-ModuleRoot', $psariRoot)).milliseconds
    $runs.trivial += (Invoke-Pwsh Import.ps1 @('-Module', 'PSAri.Bench.Cmdlets', '-ModuleRoot', $trivialRoot)).milliseconds
    $runs.psariDll += (Invoke-Pwsh Import.ps1 @('-Module', (Join-Path $ModulePath 'PSAri.dll'))).milliseconds
    $runs.trivialDll += (Invoke-Pwsh Import.ps1 @('-Module', $trivialModule)).milliseconds
}
Add-Figure 'start-up: Import-Module PSAri' 'ms' $runs.psari
Add-Figure 'start-up: Import-Module trivial binary module' 'ms' $runs.trivial
Add-Figure 'start-up: PSAri.dll alone, by path (no manifest, no format file)' 'ms' $runs.psariDll
Add-Figure "start-up: the trivial module's DLL alone, by path" 'ms' $runs.trivialDll

Write-Host "== memory: $MemoryEvents events through Receive-AriEvent | Measure-Object, working set sampled every 100 ms"
$server = Start-Server @('--flood', $MemoryEvents)
try {
    $child = Start-Child (@($pwsh) + $pwshPrefix + @('-NoProfile', '-NonInteractive', '-File', "$scripts/Stream.ps1", '-Form', 'Memory', '-Count', $MemoryEvents, '-Port', $server.Port, '-ModulePath', $psariModule, '-TrivialModulePath', $trivialModule))
    $child.StandardInput.Close()
    $samples = [Collections.Generic.List[double]]::new()
    $reader = $child.StandardOutput.ReadToEndAsync()
    while (-not $child.HasExited) {
        $child.Refresh()
        # An exiting process reads as 0: keep only live samples.
        try { if (-not $child.HasExited -and $child.WorkingSet64 -gt 0) { $samples.Add($child.WorkingSet64 / 1MB) } } catch { }
        Start-Sleep -Milliseconds 100
    }
    $output = $reader.GetAwaiter().GetResult()
    if ($output -notmatch 'RESULT (\{.*\})') { throw "The memory run printed no result:`n$output" }
    $memoryRate = ($Matches[1] | ConvertFrom-Json).eventsPerSecond
    $child.Dispose()
}
finally { Stop-Server $server }
# Warm-up: the first quarter of the run (module load, JIT, queue filling up); the last sample may be the exit.
$steady = @($samples | Select-Object -Skip ([int]($samples.Count / 4)) | Select-Object -SkipLast 1)
$spread = ($steady | Measure-Object -Maximum).Maximum - ($steady | Measure-Object -Minimum).Minimum
Add-Figure 'memory: Receive-AriEvent | Measure-Object rate' 'events/s' @($memoryRate)
Add-Figure 'memory: working set after warm-up' 'MB' $steady
Add-Figure 'memory: working set spread after warm-up (max-min)' 'MB' @($spread)

Write-Host "== emulator: flood of $FloodEvents into a socket that only counts frames; $Calls concurrent calls with playbacks"
$runs = @()
for ($r = 0; $r -lt $Repetitions; $r++) { $runs += (Invoke-BenchExe @('flood', '--events', $FloodEvents)).eventsPerSecond }
Add-Figure 'emulator: flood' 'events/s' $runs
$held = @(); $setup = @()
for ($r = 0; $r -lt [math]::Min($Repetitions, 3); $r++) {
    $result = Invoke-BenchExe @('calls', '--calls', $Calls)
    $held += $result.playbacks; $setup += $result.setupSeconds
}
Add-Figure 'emulator: calls with a playback running, 2 s after set-up' 'calls' $held
Add-Figure "emulator: set-up of $Calls calls + playbacks" 's' $setup

# ---- targets: ratios of medians from this run ----
function Target {
    param([string] $Name, [double] $Value, [string] $Op, [double] $Goal, [string] $Unit = 'x')
    $met = if (-not $Op) { 'info' } elseif ($Op -eq '>=') { if ($Value -ge $Goal) { 'met' } else { 'MISSED' } } elseif ($Value -le $Goal) { 'met' } else { 'MISSED' }
    [pscustomobject]@{ Target = $Name; Value = ('{0:N2}{1}' -f $Value, $Unit); Goal = if ($Op) { "$Op $Goal$Unit" } else { '-' }; Met = $met }
}
$m = { param($n) $figures[$n].Median }
$targets = @(
    Target 'stream: Receive-AriEvent | Where vs trivial cmdlet | Where' ((& $m 'stream: Receive-AriEvent | Where-Object | Measure-Object') / (& $m 'stream: Get-BenchEvent | Where-Object | Measure-Object')) '>=' 0.8
    Target 'stream: Receive-AriEvent | Where vs trivial cmdlet | Where, both without tiered JIT (information)' ((& $m 'stream: Receive-AriEvent | Where-Object | Measure-Object, without tiered JIT') / (& $m 'stream: Get-BenchEvent | Where-Object | Measure-Object, without tiered JIT')) $null 0
    Target 'stream: -Type vs Where-Object' ((& $m 'stream: Receive-AriEvent -Type | Measure-Object') / (& $m 'stream: Receive-AriEvent | Where-Object | Measure-Object')) '>=' 2
    Target 'core: PSAri vs bare ClientWebSocket + STJ' ((& $m 'core: PSAri socket + parser') / (& $m 'core: bare ClientWebSocket + STJ source-gen')) '>=' 0.9
    Target 'latency: p50' (& $m 'latency: StasisStart to play request, p50') '<=' 1 ' ms'
    Target 'latency: p99' (& $m 'latency: StasisStart to play request, p99') '<=' 5 ' ms'
    Target 'REST: Get-AriChannel vs HttpClient, first run in a fresh pwsh' ((& $m 'REST: Get-AriChannel -Id (1 connection)') / (& $m 'REST: bare HttpClient GET (1 connection)')) '>=' 0.5
    Target 'REST: Get-AriChannel vs HttpClient, warm process' ((& $m "REST: Get-AriChannel -Id, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)") / (& $m "REST: bare HttpClient GET, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)")) '>=' 0.5
    Target 'REST: trivial cmdlet vs HttpClient, warm process (information)' ((& $m "REST: the GET in a trivial binary cmdlet, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)") / (& $m "REST: bare HttpClient GET, warm (after $($RestWarmupRounds * $RestCalls) untimed calls)")) $null 0
    Target 'REST: Get-AriChannel vs HttpClient, both without tiered JIT (information)' ((& $m 'REST: Get-AriChannel -Id, without tiered JIT') / (& $m 'REST: bare HttpClient GET, without tiered JIT')) $null 0
    Target 'REST: Get-AriChannel vs the GET in a trivial cmdlet (information)' ((& $m 'REST: Get-AriChannel -Id (1 connection)') / (& $m 'REST: the same GET in a trivial binary cmdlet (1 connection)')) $null 0
    Target 'REST: trivial cmdlet vs HttpClient (information: the ceiling of any cmdlet)' ((& $m 'REST: the same GET in a trivial binary cmdlet (1 connection)') / (& $m 'REST: bare HttpClient GET (1 connection)')) $null 0
    Target 'start-up: Import-Module PSAri vs trivial module' ((& $m 'start-up: Import-Module PSAri') / (& $m 'start-up: Import-Module trivial binary module')) '<=' 1.5
    Target 'start-up: PSAri.dll vs the trivial DLL, no manifests (information)' ((& $m 'start-up: PSAri.dll alone, by path (no manifest, no format file)') / (& $m "start-up: the trivial module's DLL alone, by path")) $null 0
    Target 'memory: working set spread after warm-up' (& $m 'memory: working set spread after warm-up (max-min)') '<=' 10 ' MB'
    Target 'emulator: flood' (& $m 'emulator: flood') '>=' 200000 ' events/s'
    Target "emulator: $Calls concurrent calls with playbacks" (& $m 'emulator: calls with a playback running, 2 s after set-up') '>=' $Calls ' calls'
)

$machine = [ordered]@{
    Date = $started.ToString('yyyy-MM-dd HH:mm') + ' UTC'
    Cores = [Environment]::ProcessorCount
    CPU = if (Test-Path /proc/cpuinfo) { ((Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.*)$' | Select-Object -First 1).Matches.Groups[1].Value) } else { 'n/a' }
    OS = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    '.NET' = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    PowerShell = $PSVersionTable.PSVersion.ToString()
    'Load average at start' = $load
    Repetitions = $Repetitions
}

$figures.Values | Format-Table Benchmark, @{ n = 'Median'; e = { '{0:N1}' -f $_.Median }; a = 'right' }, @{ n = 'Min-Max'; e = { '{0:N1}-{1:N1}' -f $_.Min, $_.Max }; a = 'right' }, Unit, Runs -AutoSize | Out-String -Width 200 | Write-Host
$targets | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

# ---- docs/benchmarks.md: the part between the markers ----
$md = [Text.StringBuilder]::new()
$null = $md.AppendLine('<!-- bench:begin (written by ./build.ps1 -Task Bench; edit outside these markers) -->')
$null = $md.AppendLine('| Machine | |').AppendLine('|---|---|')
foreach ($k in $machine.Keys) { $null = $md.AppendLine("| $k | $($machine[$k]) |") }
$null = $md.AppendLine().AppendLine('| Benchmark | Median | Min-Max | Unit | Runs |').AppendLine('|---|---:|---:|---|---:|')
# A '|' inside a cell must be escaped in a Markdown table.
foreach ($f in $figures.Values) { $null = $md.AppendLine(('| {0} | {1:N1} | {2:N1}-{3:N1} | {4} | {5} |' -f ($f.Benchmark -replace '\|', '\|'), $f.Median, $f.Min, $f.Max, $f.Unit, $f.Runs)) }
$null = $md.AppendLine().AppendLine('| Target | This run | Goal | |').AppendLine('|---|---:|---|---|')
foreach ($t in $targets) { $null = $md.AppendLine("| $($t.Target -replace '\|', '\|') | $($t.Value) | $($t.Goal) | $($t.Met) |") }
$null = $md.Append('<!-- bench:end -->')
$block = $md.ToString()
$text = if (Test-Path $Report) { Get-Content -Raw $Report } else { "# Benchmarks`n`n<!-- bench:begin -->`n<!-- bench:end -->`n" }
$pattern = '(?s)<!-- bench:begin.*?<!-- bench:end -->'
if ($text -notmatch $pattern) { $text = $text.TrimEnd() + "`n`n<!-- bench:begin -->`n<!-- bench:end -->`n" }
$text = [regex]::Replace($text, $pattern, { $block })
Set-Content -Path $Report -Value $text.TrimEnd() -Encoding utf8NoBOM
Write-Host "Wrote $Report"

