BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    # A connection with no event stream, one whose stream receives 'elsewhere' (events this connection's waits never
    # see), and the default one, whose stream receives 'waits'.
    $bare = Connect-Ari $emulator.BaseUri $credential
    $other = Connect-Ari $emulator.BaseUri $credential
    $connection = Connect-Ari $emulator.BaseUri $credential
    $receiver = Start-Background -Parameters @{ C = $connection } -Script { param($C) Receive-AriEvent -Connection $C -App waits }
    $otherReceiver = Start-Background -Parameters @{ C = $other } -Script { param($C) Receive-AriEvent -Connection $C -App elsewhere }
    Wait-Until { (Test-AppListening $emulator waits) -and (Test-AppListening $emulator elsewhere) }

    # How many waiters are registered on a connection's event hub (test synchronisation only: lets a test act once
    # a background Wait-AriEvent is surely listening, instead of sleeping).
    function Get-WaiterCount($C = $connection) {
        $hub = [PSAri.Client.AriConnection].GetProperty('Events', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($C)
        $hub.GetType().GetField('_waiters', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($hub).Length
    }
    # Starts Wait-AriEvent (or any script) in its own runspace and returns once it registered on the hub.
    function Start-Waiting([string] $Script, [hashtable] $Parameters = @{}) {
        $before = Get-WaiterCount
        $Parameters.C = $connection
        $names = @($Parameters.Keys | ForEach-Object { "`$$_" }) -join ', '
        $bg = Start-Background -Parameters $Parameters -Script ([scriptblock]::Create("param($names) $Script"))
        Wait-Until { (Get-WaiterCount) -gt $before -or $bg.Handle.IsCompleted }
        $bg
    }
    function New-WaitsCall([string] $App = 'waits') {
        New-AriChannel Local/wait@default -App $App -Wait -Connection $(if ($App -eq 'waits') { $connection } else { $other })
    }
}

AfterAll {
    foreach ($bg in $receiver, $otherReceiver) { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Wait-AriEvent' {
    BeforeAll { $call = New-WaitsCall }
    AfterAll { Remove-AriChannel -ChannelId $call.Id -ErrorAction SilentlyContinue }

    It 'says so when the connection has no event stream' {
        $got = Wait-AriEvent -Type StasisEnd -Timeout 5 -Connection $bare -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriNoEventStream,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'waits for the next event of a type (wildcards), skipping others' {
        $bg = Start-Waiting 'Wait-AriEvent -Connection $C -Type ChannelVar* -Timeout 20'
        try {
            $null = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world -PlaybackId "p-$(New-Guid)"
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_A -Value one
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output.Count | Should -Be 1
            $bg.Output[0].GetType().Name | Should -Be 'ChannelVarsetEvent'
            $bg.Output[0].Variable | Should -Be 'WAITS_A'
            $bg.Output[0].Connection | Should -Be $connection
            $bg.PowerShell.Streams.Error.Count | Should -Be 0
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'waits for an event of the channel piped in, not of other channels' {
        $second = New-WaitsCall
        $bg = Start-Waiting '$Call | Wait-AriEvent -Connection $C -Type StasisEnd -Timeout 20' @{ Call = $second }
        try {
            $third = New-WaitsCall
            Remove-AriChannel -ChannelId $third.Id
            Remove-AriChannel -ChannelId $second.Id
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output.Count | Should -Be 1
            $bg.Output[0].Type | Should -Be 'StasisEnd'
            $bg.Output[0].ChannelId | Should -Be $second.Id
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'binds a piped event by its ChannelId property' {
        $start = [PSAri.Model.StasisStartEvent]::new()
        $start.Channel = [PSAri.Model.Channel]::new()
        $start.Channel.Id = $call.Id
        $bg = Start-Waiting '$Start | Wait-AriEvent -Connection $C -Timeout 20' @{ Start = $start }
        try {
            $other2 = New-WaitsCall
            Set-AriChannelVariable -ChannelId $other2.Id -Name WAITS_B -Value other
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_B -Value mine
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output[0].ChannelId | Should -Be $call.Id
            $bg.Output[0].Value | Should -Be 'mine'
        }
        finally { $bg.PowerShell.Dispose(); Remove-AriChannel -ChannelId $other2.Id -ErrorAction SilentlyContinue }
    }

    It 'waits for an event the scriptblock accepts' {
        $bg = Start-Waiting 'Wait-AriEvent -Connection $C -Type ChannelVarset -Filter { $_.Value -eq ''two'' } -Timeout 20'
        try {
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_C -Value one
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_C -Value two
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output.Count | Should -Be 1
            $bg.Output[0].Value | Should -Be 'two'
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'writes an error record when the scriptblock throws, and goes on waiting' {
        $bg = Start-Waiting 'Wait-AriEvent -Connection $C -Type ChannelVarset -Filter { if ($_.Value -eq ''boom'') { throw ''filter broke'' }; $_.Value -eq ''ok'' } -Timeout 20'
        try {
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_D -Value boom
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_D -Value ok
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output.Count | Should -Be 1
            $bg.Output[0].Value | Should -Be 'ok'
            $errs = $bg.PowerShell.Streams.Error
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitFilterFailed,*'
            $errs[0].Exception.Message | Should -Match 'filter broke'
            $errs[0].TargetObject.Value | Should -Be 'boom'
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It '-Count returns after that many matching events' {
        $bg = Start-Waiting 'Wait-AriEvent -Connection $C -Type ChannelVarset -ChannelId $Id -Count 3 -Timeout 20' @{ Id = $call.Id }
        try {
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_E -Value 1
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_E -Value 2
            Wait-Until { $bg.Output.Count -ge 2 }
            $bg.Handle.IsCompleted | Should -BeFalse
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_E -Value 3
            Set-AriChannelVariable -ChannelId $call.Id -Name WAITS_E -Value 4
            Wait-Until { $bg.Handle.IsCompleted }
            @($bg.Output | ForEach-Object Value) | Should -Be @('1', '2', '3')
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'refuses a piped object that names no channel, bridge, playback or recording' {
        $got = 'just a string' | Wait-AriEvent -Timeout 5 -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitUnknownInput,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'stops with AriConnectionClosed when the connection is closed while it waits' {
        $c3 = Connect-Ari $emulator.BaseUri $credential
        $r3 = Start-Background -Parameters @{ C = $c3 } -Script { param($C) Receive-AriEvent -Connection $C -App waits-closing }
        try {
            Wait-Until { Test-AppListening $emulator waits-closing }
            $before = Get-WaiterCount $c3
            $bg = Start-Background -Parameters @{ C = $c3 } -Script { param($C) Wait-AriEvent -Connection $C -Type NoSuchEvent }
            Wait-Until { (Get-WaiterCount $c3) -gt $before }
            $c3 | Disconnect-Ari
            Wait-Until { $bg.Handle.IsCompleted }
            $bg.Output.Count | Should -Be 0
            $bg.PowerShell.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'AriConnectionClosed,*'
        }
        finally { $bg.PowerShell.Dispose(); $r3.PowerShell.Stop(); $r3.PowerShell.Dispose() }
    }

    It '-Timeout ends the wait with an AriWaitTimeout error and releases the waiter' {
        $before = Get-WaiterCount
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $got = Wait-AriEvent -Type NoSuchEvent -Timeout 0.3 -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.3
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitTimeout,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be 'NoSuchEvent'
        Get-WaiterCount | Should -Be $before
    }

    It 'Ctrl+C (Stop) ends a wait without timeout at once and releases the waiter' {
        $before = Get-WaiterCount
        $bg = Start-Waiting 'Wait-AriEvent -Connection $C -Type NoSuchEvent'
        try {
            $bg.Handle.IsCompleted | Should -BeFalse
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $bg.PowerShell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            $bg.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-Until { (Get-WaiterCount) -eq $before }
        }
        finally { $bg.PowerShell.Dispose() }
    }
}

Describe '-Wait on actions that complete later' {
    It 'New-AriChannel -App -Wait returns the channel once in the app, with a generated id' {
        $channel = New-AriChannel Local/wait@default -App waits -Wait
        try {
            $channel.PSObject.TypeNames | Should -Contain 'PSAri.Model.Channel'
            $channel.Id | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-'
            $channel.State | Should -Be 'Up'
            $channel.Dialplan.AppName | Should -Be 'Stasis'
            (Get-AriChannel -ChannelId $channel.Id).Id | Should -Be $channel.Id
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'New-AriChannel -Wait times out when this connection never sees the StasisStart' {
        $id = "nw-$(New-Guid)"
        $got = New-AriChannel Local/wait@default -App elsewhere -ChannelId $id -Wait -WaitTimeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitTimeout,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be $id
        Remove-AriChannel -ChannelId $id -ErrorAction SilentlyContinue
    }

    It 'New-AriChannel -Wait needs an event stream' {
        $got = New-AriChannel Local/wait@default -App waits -Wait -Connection $bare -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriNoEventStream,*'
    }

    It 'New-AriChannel -Extension -Wait returns the channel once Up' {
        $channel = New-AriChannel Local/wait@default -Extension wait -Context default -Wait -WaitTimeout 10
        try {
            $channel.State | Should -Be 'Up'
            $channel.Id | Should -Match '^[0-9a-f]{8}-'
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'New-AriChannel -Extension -Wait reports a channel hung up before it was answered' {
        $id = "hu-$(New-Guid)"
        $got = New-AriChannel Local/wait@default -Extension wait -Context no-such-context -ChannelId $id -Wait -WaitTimeout 10 -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriChannelHungUp,*'
        $errs[0].TargetObject | Should -Be $id
    }

    It 'New-AriChannel -NoDial -Wait, then Invoke-AriChannelDial -Wait returns the answered channel' {
        $created = New-AriChannel Local/wait@default -App waits -NoDial -Wait
        try {
            $created.State | Should -Be 'Down'
            $up = $created | Invoke-AriChannelDial -Wait -WaitTimeout 10
            $up.Id | Should -Be $created.Id
            $up.State | Should -Be 'Up'
        }
        finally { Remove-AriChannel -ChannelId $created.Id -ErrorAction SilentlyContinue }
    }

    It 'Invoke-AriChannelDial -Wait times out when this connection never sees the answer' {
        $created = New-AriChannel Local/wait@default -App elsewhere -NoDial -Connection $other
        try {
            $got = Invoke-AriChannelDial -ChannelId $created.Id -Wait -WaitTimeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue
            $got | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitTimeout,*'
            $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        }
        finally { Remove-AriChannel -ChannelId $created.Id -ErrorAction SilentlyContinue }
    }

    It 'Resume-AriChannel -Wait returns the channel once it left the app' {
        $channel = New-WaitsCall
        try {
            $left = $channel | Resume-AriChannel -Context default -Extension wait -Priority 1 -Wait -Timeout 10
            $left.Id | Should -Be $channel.Id
            $left.PSObject.TypeNames | Should -Contain 'PSAri.Model.Channel'
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'Resume-AriChannel -Wait times out when this connection never sees the StasisEnd' {
        $channel = New-WaitsCall -App elsewhere
        try {
            $got = Resume-AriChannel -ChannelId $channel.Id -Context default -Extension wait -Priority 1 -Wait -Timeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue
            $got | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitTimeout,*'
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'Move-AriChannel -Wait returns the channel once it left this app' {
        $channel = New-WaitsCall
        try {
            $moved = $channel | Move-AriChannel -App elsewhere -Wait -Timeout 10
            $moved.Id | Should -Be $channel.Id
            $app = Invoke-RestMethod ([uri]::new($emulator.BaseUri, 'ari/applications/elsewhere')) -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
            $app.channel_ids | Should -Contain $channel.Id
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'Move-AriChannel -Wait to an app nobody runs is an AriMoveFailed error' {
        $channel = New-WaitsCall
        try {
            $got = $channel | Move-AriChannel -App nobody-runs-this -Wait -Timeout 10 -ErrorVariable errs -ErrorAction SilentlyContinue
            $got | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriMoveFailed,*'
            $errs[0].TargetObject | Should -Be $channel.Id
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }

    It 'Move-AriChannel -Wait times out when this connection never sees the StasisEnd' {
        $channel = New-WaitsCall -App elsewhere
        try {
            $got = Move-AriChannel -ChannelId $channel.Id -App waits -Wait -Timeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue
            $got | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriWaitTimeout,*'
        }
        finally { Remove-AriChannel -ChannelId $channel.Id -ErrorAction SilentlyContinue }
    }
}

Describe 'A playback that finishes before the play request returns' {
    It 'is still awaited, every time over 50 plays' {
        # hello-world lasts 14 µs at this scale, so PlaybackFinished is written around the time of the 201
        # (the xunit test WaitRaceTests counts how often it is read before the answer).
        $fast = Start-AriEmulator -Port 0 -TimeScale 100000
        $fc = Connect-Ari $fast.BaseUri $credential
        $bg = Start-Background -Parameters @{ C = $fc } -Script { param($C) Receive-AriEvent -Connection $C -App fast }
        try {
            Wait-Until { Test-AppListening $fast fast }
            $channel = New-AriChannel Local/wait@default -App fast -Wait -Connection $fc
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $finished = foreach ($i in 1..50) { $channel | Invoke-AriChannelPlay -Media sound:hello-world -Wait -Timeout 10 }
            $finished.Count | Should -Be 50
            $finished | ForEach-Object { $_.State | Should -Be 'done' }
            @($finished.Id | Select-Object -Unique).Count | Should -Be 50
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally {
            $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
            $fc | Disconnect-Ari
            $fast | Stop-AriEmulator
        }
    }
}
