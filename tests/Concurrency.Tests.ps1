BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    # ForEach-Object -Parallel runspaces load PSAri as an installed module would: from PSModulePath.
    $modulesRoot = Split-Path (Split-Path $env:PSARI_MODULE_PATH)
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $modulesRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    # The error records of a background runspace so far (enumerating a collection still written blocks).
    function Get-BackgroundError($bg) { @(for ($i = 0; $i -lt $bg.PowerShell.Streams.Error.Count; $i++) { $bg.PowerShell.Streams.Error[$i] }) }
    function Get-Types($bg) { @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i].Type }) }
}

AfterAll {
    $env:PSModulePath = $savedModulePath
}

Describe 'Concurrent calls across runspaces' {
    BeforeAll {
        $emulator = Start-AriEmulator -Port 0
        $emulator.AddExtension('2000', 'ivr')
        $connection = Connect-Ari $emulator.BaseUri $credential
    }
    AfterAll {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It "handles 50 simultaneous calls with the issue's ForEach-Object -Parallel pipeline in about one call's time" {
        $n = 50
        $done = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $inputs = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; Done = $done; Inputs = $inputs } -Script {
            param($C, $Done, $Inputs)
            Receive-AriEvent -Connection $C -App ivr -Type StasisStart | ForEach-Object -Parallel {
                ($using:Inputs).Enqueue($_.Type)
                $played = $_ | Invoke-AriChannelPlay -Media sound:hello-world -Wait
                $_ | Remove-AriChannel
                ($using:Done).Enqueue($played)
            } -ThrottleLimit 50
        }
        try {
            Wait-Until { Test-AppListening $emulator ivr }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $calls = 1..$n | ForEach-Object { $emulator.PlaceCallAsync('2000') }
            [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]$calls)
            Wait-Until { $done.Count -ge $n -and @($emulator.GetChannels()).Count -eq 0 } -TimeoutSec 60
            $elapsed = $clock.Elapsed.TotalSeconds
            $oneCall = [PSAri.Emulator.AriEmulator]::SoundDurations['hello-world'] / 1000
            Write-Host ("    {0} calls: all played and hung up in {1:0.00} s; one call's playback is {2:0.00} s" -f $n, $elapsed, $oneCall)

            @($done | Where-Object State -eq 'done').Count | Should -Be $n
            @($done | ForEach-Object TargetUri | Sort-Object -Unique).Count | Should -Be $n
            @($done | ForEach-Object TargetUri | Sort-Object) | Should -Be @($calls | ForEach-Object { "channel:$($_.Result.Id)" } | Sort-Object)
            # -Type filtered what Receive-AriEvent wrote (StasisStart only), not what the waiters saw (PlaybackFinished).
            @($inputs | Sort-Object -Unique) | Should -Be @('StasisStart')
            $inputs.Count | Should -Be $n
            # Every call's prompt ran while the others played: not one after another (that would take 50 x 1.42 s).
            $elapsed | Should -BeLessThan (10 * $oneCall)
            Wait-Until { $connection.EventWaiters -eq 0 }
            Get-BackgroundError $bg | Should -BeNullOrEmpty
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It "releases waiters when their channel leaves the app: the current playback fails, a queued one ends with an error record" {
        $bg = Start-Background -Parameters @{ C = $connection } -Script { param($C) Receive-AriEvent -Connection $C -App ivr }
        try {
            Wait-Until { Test-AppListening $emulator ivr }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 2000
            $current = Start-Background -Parameters @{ C = $connection; Id = $call.Id } -Script {
                param($C, $Id)
                Invoke-AriChannelPlay -Connection $C -ChannelId $Id -Media sound:tt-monkeys -PlaybackId current-pb -Wait -Timeout 30
            }
            Wait-Until { (Get-Types $bg) -contains 'PlaybackStarted' }
            # Queued behind the first: Asterisk never finishes it when the channel hangs up; StasisEnd releases its waiter.
            $queued = Start-Background -Parameters @{ C = $connection; Id = $call.Id } -Script {
                param($C, $Id)
                Invoke-AriChannelPlay -Connection $C -ChannelId $Id -Media sound:hello-world -PlaybackId queued-pb -Wait -Timeout 30
            }
            try {
                Wait-Until { $connection.EventWaiters -eq 2 -and (Get-AriPlayback -Id queued-pb -ErrorAction SilentlyContinue) }
                Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id
                Wait-Until { $current.Handle.IsCompleted -and $queued.Handle.IsCompleted } -TimeoutSec 5
                $connection.EventWaiters | Should -Be 0
                # The hub releases the waiters as the reader parses StasisEnd; the receiver's pipeline writes it a moment later.
                Wait-Until { (Get-Types $bg) -contains 'StasisEnd' } -TimeoutSec 5
                @(Get-Types $bg)[-1] | Should -Be 'StasisEnd'

                $current.Output[0].Id | Should -Be 'current-pb'
                $current.Output[0].State | Should -Be 'failed'
                Get-BackgroundError $current | Should -BeNullOrEmpty

                $queued.Output.Count | Should -Be 0
                $errors = Get-BackgroundError $queued
                $errors.Count | Should -Be 1
                $errors[0].FullyQualifiedErrorId | Should -BeLike 'AriChannelLeftApp,*'
                $errors[0].TargetObject | Should -Be $call.Id
            }
            finally { $current.PowerShell.Dispose(); $queued.PowerShell.Dispose() }
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'fails a pending wait at once when the last event stream of the connection ends' {
        $bg = Start-Background -Parameters @{ C = $connection } -Script { param($C) Receive-AriEvent -Connection $C -App ivr }
        try {
            Wait-Until { Test-AppListening $emulator ivr }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 2000
            $waiting = Start-Background -Parameters @{ C = $connection; Id = $call.Id } -Script {
                param($C, $Id)
                Invoke-AriChannelPlay -Connection $C -ChannelId $Id -Media sound:tt-monkeys -Wait -Timeout 30
            }
            try {
                Wait-Until { $connection.EventWaiters -eq 1 -and (Get-Types $bg) -contains 'PlaybackStarted' }
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $bg.PowerShell.Stop()
                Wait-Until { $waiting.Handle.IsCompleted } -TimeoutSec 5
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
                $failure = $null
                try { $null = $waiting.PowerShell.EndInvoke($waiting.Handle) } catch { $failure = $_ }
                "$failure $(Get-BackgroundError $waiting)" | Should -BeLike '*event stream*ended while this waited*'
                $connection.EventWaiters | Should -Be 0
            }
            finally { $waiting.PowerShell.Dispose() }
        }
        finally { $bg.PowerShell.Dispose() }
        Remove-AriChannel -ChannelId $call.Id -ErrorAction SilentlyContinue
    }
}

Describe 'Backpressure and the emulator flood' {
    BeforeEach {
        $emulator = Start-AriEmulator -Port 0
        $connection = Connect-Ari $emulator.BaseUri $credential
    }
    AfterEach {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It 'shows its queue policy and counters on the connection' {
        $connection.EventQueuePolicy | Should -Be 'Block'
        $connection.EventQueueCapacity | Should -Be 1000
        $connection.EventsDropped | Should -Be 0
        $connection.EventsQueued | Should -Be 0
        $connection.EventWaiters | Should -Be 0
    }

    It 'refuses to flood an app no socket listens for' {
        { $emulator.Flood('nobody', 10) } | Should -Throw '*No WebSocket is connected*'
    }

    It 'floods an app with numbered ChannelUserevent events that Receive-AriEvent reads in order (throughput measured)' {
        $n = 50000
        $bg = Start-Background -Parameters @{ C = $connection; N = $n } -Script {
            param($C, $N)
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $m = Receive-AriEvent -Connection $C -App flood -Count $N | Measure-Object
            [pscustomobject]@{ Count = $m.Count; Seconds = $clock.Elapsed.TotalSeconds }
        }
        try {
            Wait-Until { Test-AppListening $emulator flood }
            $flood = $emulator.Flood('flood', $n)
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 60
            $flood.Wait([TimeSpan]::FromSeconds(5)) | Should -BeTrue
            $flood.Error | Should -BeNullOrEmpty
            $flood.Sent | Should -Be $n
            $result = $bg.Output[0]
            $result.Count | Should -Be $n
            Write-Host ("    Receive-AriEvent -Count {0} | Measure-Object: {1:0.00} s, {2:N0} events/s" -f $n, $result.Seconds, ($n / $result.Seconds))
            $connection.EventsReceived | Should -BeGreaterOrEqual $n
            $connection.EventsDropped | Should -Be 0
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'holds a flood back while the consumer is slow: bounded memory, nothing lost, order kept' {
        $n = 200000
        $gate = [System.Threading.ManualResetEventSlim]::new($false)
        $tally = [hashtable]::Synchronized(@{ Count = 0; OutOfOrder = 0; Last = 0; Type = '' })
        $bg = Start-Background -Parameters @{ C = $connection; N = $n; Gate = $gate; Tally = $tally } -Script {
            param($C, $N, $Gate, $Tally)
            $expected = 1
            Receive-AriEvent -Connection $C -App flood -Count $N | ForEach-Object {
                # A consumer that stops dead on the first event, then keeps lagging behind.
                if ($expected -eq 1) { $Tally.Type = $_.Type; $null = $Gate.Wait() }
                elseif ($expected % 500 -eq 0) { Start-Sleep -Milliseconds 1 }
                $seq = [long]$_.UserEvent['seq']
                if ($seq -ne $expected) { $Tally.OutOfOrder++ }
                $expected = $seq + 1
                $Tally.Last = $seq
                $Tally.Count++
            }
        }
        try {
            Wait-Until { Test-AppListening $emulator flood }
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $process = [Diagnostics.Process]::GetCurrentProcess()
            $heapBefore = [GC]::GetTotalMemory($false)
            $process.Refresh(); $wsBefore = $process.WorkingSet64
            $max = @{ Heap = $heapBefore; WorkingSet = $wsBefore }
            $sample = {
                $max.Heap = [Math]::Max($max.Heap, [GC]::GetTotalMemory($false))
                $process.Refresh(); $max.WorkingSet = [Math]::Max($max.WorkingSet, $process.WorkingSet64)
            }

            $flood = $emulator.Flood('flood', $n)
            # The consumer is stuck: the queue fills to its bound, then the reader stops reading and the flood stalls.
            Wait-Until { . $sample; $connection.EventsQueued -ge $connection.EventQueueCapacity - 1 } -TimeoutSec 30
            Wait-Until { . $sample; $before = $flood.Sent; Start-Sleep -Milliseconds 300; $flood.Sent -eq $before } -TimeoutSec 30
            $stalledAt = $flood.Sent
            $stalledAt | Should -BeLessThan $n
            # The queue's bound, plus the one event the blocked reader holds.
            $connection.EventsQueued | Should -BeLessOrEqual ($connection.EventQueueCapacity + 1)
            $received = $connection.EventsReceived
            $received | Should -BeLessOrEqual ($connection.EventQueueCapacity + 2)
            # Live memory while 1,000 events wait in the queue and the rest of the flood waits in TCP.
            $heapStalled = [GC]::GetTotalMemory($true)

            $gate.Set()
            Wait-Until { . $sample; $bg.Handle.IsCompleted } -TimeoutSec 120
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $heapAfter = [GC]::GetTotalMemory($false)
            $process.Refresh(); $wsAfter = $process.WorkingSet64
            Write-Host ("    flood of {0:N0}: stalled at {1:N0} sent / {2:N0} read while the consumer stopped; GC heap {3:N0} MB, live while stalled {9:N0} MB, max sampled {4:N0} MB, after {5:N0} MB; working set {6:N0} -> max {7:N0} -> {8:N0} MB" -f `
                $n, $stalledAt, $received, ($heapBefore / 1MB), ($max.Heap / 1MB), ($heapAfter / 1MB), ($wsBefore / 1MB), ($max.WorkingSet / 1MB), ($wsAfter / 1MB), ($heapStalled / 1MB))

            Get-BackgroundError $bg | Should -BeNullOrEmpty
            $tally.Type | Should -Be 'ChannelUserevent'
            $tally.Count | Should -Be $n
            $tally.Last | Should -Be $n
            $tally.OutOfOrder | Should -Be 0
            $connection.EventsDropped | Should -Be 0
            $connection.EventsQueued | Should -Be 0
            ($heapStalled - $heapBefore) | Should -BeLessThan 100MB
            # Sampled without a collection, so with garbage; an unbounded queue would hold all 200,000 events (> 500 MB).
            ($max.Heap - $heapBefore) | Should -BeLessThan 200MB
            ($max.WorkingSet - $wsBefore) | Should -BeLessThan 250MB
        }
        finally { $gate.Set(); $bg.PowerShell.Dispose() }
    }
}

Describe 'One connection shared by 32 parallel workers' {
    BeforeAll {
        $emulator = Start-AriEmulator -Port 0
        $connection = Connect-Ari $emulator.BaseUri $credential
        # Every event of the app, kept for counting (channels must be in Stasis for bridges and playbacks).
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $listener = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
            param($C, $Seen)
            Receive-AriEvent -Connection $C -App conc | ForEach-Object { $Seen.Enqueue($_) }
        }
        Wait-Until { Test-AppListening $emulator conc }

        # One worker's round: writes and reads of its own objects, named after it. Returns what it read back.
        $round = {
            param($C, [string] $Tag)
            $ErrorActionPreference = 'Stop'
            try {
                $ids = foreach ($n in 1..3) { (New-AriChannel -Connection $C -Endpoint Local/wait@default -App conc -ChannelId "$Tag-c$n" -Wait -WaitTimeout 30).Id }
                foreach ($id in $ids) { Set-AriChannelVariable -Connection $C -ChannelId $id -Name OWNER -Value "$Tag/$id" }
                $playback = Invoke-AriChannelPlay -Connection $C -ChannelId $ids[0] -Media sound:beep -PlaybackId "$Tag-p"
                $null = New-AriBridge -Connection $C -BridgeId "$Tag-b" -Type mixing
                Set-AriBridgeVariable -Connection $C -BridgeId "$Tag-b" -Name OWNER -Value $Tag
                Add-AriBridgeChannel -Connection $C -BridgeId "$Tag-b" -ChannelId $ids
                Remove-AriBridgeChannel -Connection $C -BridgeId "$Tag-b" -ChannelId $ids[1]
                $listed = @(Get-AriChannel -Connection $C).Id
                [pscustomobject]@{
                    Tag            = $Tag
                    Ids            = $ids
                    Values         = @(foreach ($id in $ids) { (Get-AriChannelVariable -Connection $C -ChannelId $id -Name OWNER).Value })
                    BridgeValue    = (Get-AriBridgeVariable -Connection $C -BridgeId "$Tag-b" -Name OWNER).Value
                    BridgeChannels = @((Get-AriBridge -Connection $C -BridgeId "$Tag-b").ChannelIds | Sort-Object)
                    PlaybackTarget = $playback.TargetUri
                    Listed         = @($ids | Where-Object { $listed -contains $_ }).Count
                    Error          = $null
                }
                Remove-AriBridge -Connection $C -BridgeId "$Tag-b"
                foreach ($id in $ids) { Remove-AriChannel -Connection $C -ChannelId $id }
            }
            catch { [pscustomobject]@{ Tag = $Tag; Error = "$_" } }
        }
    }
    AfterAll {
        $listener.PowerShell.Stop(); $listener.PowerShell.Dispose()
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It 'sees each worker read back exactly its own values, with request and event counts matching a serial run' {
        # A serial round first: how many requests one round sends.
        $before = $emulator.RequestCount
        $serial = & $round $connection 'serial'
        $serial.Error | Should -BeNullOrEmpty
        $perRound = $emulator.RequestCount - $before

        $workers = 32; $rounds = 3
        $roundText = $round.ToString()   # -Parallel takes no script blocks through $using: (they are bound to a runspace)
        $before = $emulator.RequestCount
        $results = @(1..$workers | ForEach-Object -ThrottleLimit 32 -Parallel {
            $C = $using:connection
            $roundScript = [scriptblock]::Create($using:roundText)
            foreach ($r in 1..$using:rounds) { & $roundScript $C "w$_-r$r" }
        })
        $sent = $emulator.RequestCount - $before

        $results | Where-Object Error | ForEach-Object { "$($_.Tag): $($_.Error)" } | Should -BeNullOrEmpty
        $results | Should -HaveCount ($workers * $rounds)
        @($results.Tag | Sort-Object -Unique) | Should -HaveCount ($workers * $rounds)
        foreach ($r in $results) {
            $r.Ids | Should -Be @(1..3 | ForEach-Object { "$($r.Tag)-c$_" })
            $r.Values | Should -Be @($r.Ids | ForEach-Object { "$($r.Tag)/$_" })
            $r.BridgeValue | Should -Be $r.Tag
            $r.BridgeChannels | Should -Be @($r.Ids[0], $r.Ids[2])
            $r.PlaybackTarget | Should -Be "channel:$($r.Ids[0])"
            $r.Listed | Should -Be 3
        }
        $sent | Should -Be ($perRound * $workers * $rounds) -Because 'no request was lost or sent twice'

        # Every channel entered and left the app once; nothing is left behind; the connection's counters are at rest.
        $channels = 3 * ($workers * $rounds + 1)
        Wait-Until { @($seen | Where-Object Type -eq StasisEnd).Count -ge $channels } -TimeoutSec 20
        @($seen | Where-Object Type -eq StasisStart).Count | Should -Be $channels
        @($seen | Where-Object Type -eq StasisStart | ForEach-Object ChannelId | Sort-Object -Unique).Count | Should -Be $channels
        @(Get-AriChannel -Connection $connection) | Should -HaveCount 0
        @(Get-AriBridge -Connection $connection) | Should -HaveCount 0
        $connection.IsOpen | Should -BeTrue
        $connection.EventWaiters | Should -Be 0
        $connection.EventsDropped | Should -Be 0
        Wait-Until { $connection.EventsQueued -eq 0 }
        $connection.EventsReceived | Should -Be $seen.Count
    }
}
