# Fleets: one script over several Asterisk servers (-Connection $a,$b), each server an emulator of its own.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emA = Start-AriEmulator -Port 0
    $emB = Start-AriEmulator -Port 0
    $a = Connect-Ari $emA.BaseUri $credential -Name pbx-a
    $b = Connect-Ari $emB.BaseUri $credential -Name pbx-b

    function Get-Output($bg) { @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i] }) }

    # A TCP relay to an emulator that holds every GET /ari/channels request back for $DelayMs: a server that
    # answers listings slowly. One client connection at a time, which is what one AriConnection uses here.
    function Start-SlowRelay {
        param([Parameter(Mandatory)] $Emulator, [int] $DelayMs)
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Listener, $Port, $DelayMs)
                while ($true) {
                    $client = $Listener.AcceptTcpClient()
                    $upstream = [Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
                    $down = $client.GetStream(); $up = $upstream.GetStream()
                    $null = $up.CopyToAsync($down)
                    $buffer = [byte[]]::new(65536)
                    while (($n = $down.Read($buffer, 0, $buffer.Length)) -gt 0) {
                        if ([Text.Encoding]::ASCII.GetString($buffer, 0, $n) -match '^GET /ari/channels') { Start-Sleep -Milliseconds $DelayMs }
                        $up.Write($buffer, 0, $n)
                    }
                    $client.Dispose(); $upstream.Dispose()
                }
            }).AddParameters(@{ Listener = $listener; Port = $Emulator.Port; DelayMs = $DelayMs })
        $null = $ps.BeginInvoke()
        [pscustomobject]@{ Listener = $listener; PowerShell = $ps; BaseUri = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/" }
    }
    function Stop-SlowRelay($relay) {
        $relay.Listener.Stop()
        $null = $relay.PowerShell.BeginStop($null, $null)
    }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emA, $emB | Stop-AriEmulator
}

Describe 'Several connections' {
    BeforeAll {
        # The app the channels enter, on both servers: without it a call is hung up at once.
        $receiver = Start-Background -Parameters @{ A = $a; B = $b } -Script { param($A, $B) Receive-AriEvent -App fleet -Connection $A, $B }
        Wait-Until { (Test-AppListening $emA fleet) -and (Test-AppListening $emB fleet) }
    }
    AfterAll {
        $receiver.PowerShell.Stop()
        $receiver.PowerShell.Dispose()
    }

    It 'Connect-Ari -Name names a connection; by default the name is host:port; Get-AriConnection lists them all' {
        $a.Name | Should -Be 'pbx-a'
        $c = Connect-Ari $emA.BaseUri $credential
        try {
            $c.Name | Should -Be "127.0.0.1:$($emA.Port)"
            @(Get-AriConnection).Name | Should -Contain 'pbx-a'
            @(Get-AriConnection).Name | Should -Contain 'pbx-b'
        }
        finally { $c | Disconnect-Ari }
    }

    It 'Get-AriChannel -Connection $a,$b writes the channels of both, each with its own Connection and Server' {
        $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
        $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
        try {
            $channels = @(Get-AriChannel -Connection $a, $b | Where-Object Id -in $ca.Id, $cb.Id)
            $channels.Count | Should -Be 2
            @($channels | Where-Object Connection -eq $a).Id | Should -Be $ca.Id
            @($channels | Where-Object Connection -eq $b).Id | Should -Be $cb.Id
            @($channels | Where-Object Connection -eq $a).Server | Should -Be 'pbx-a'
            @($channels | Where-Object Connection -eq $b).Server | Should -Be 'pbx-b'
            # -Id on both: found on one, a 404 error from the other (target: the id).
            $only = New-AriChannel -Endpoint Local/wait@default -App fleet -ChannelId fleet-only-a -Connection $a
            $found = @(Get-AriChannel -Id $only.Id -Connection $a, $b -ErrorVariable missing -ErrorAction SilentlyContinue)
            $only | Remove-AriChannel
            $found.Connection | Should -Be $a
            $missing.Count | Should -Be 1
            $missing[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp404*'
            $missing[0].TargetObject | Should -Be $only.Id
        }
        finally {
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id
        }
    }

    It 'reads all connections at once: the fast server''s channels come first; the time is the slowest, not the sum' {
        $delay = 3000
        $relays = @(Start-SlowRelay $emA $delay; Start-SlowRelay $emA $delay)
        $slow = @($relays | ForEach-Object { Connect-Ari $_.BaseUri $credential })
        $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
        $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
        try {
            $order = [System.Collections.Generic.List[object]]::new()
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Get-AriChannel -Connection ($slow + $b) | Where-Object Id -in $ca.Id, $cb.Id | ForEach-Object { $order.Add($_) }
            $elapsed = $clock.Elapsed.TotalMilliseconds
            $order.Count | Should -Be 3
            $order[0].Connection | Should -Be $b -Because 'the fast server answers while the slow ones still wait'
            foreach ($one in $slow) { @($order[1..2].Connection) | Should -Contain $one -Because 'each slow server gave its channel' }
            $elapsed | Should -BeGreaterOrEqual $delay
            $elapsed | Should -BeLessThan (2 * $delay) -Because 'in turn it would take two delays'
        }
        finally {
            $slow | Disconnect-Ari
            $relays | ForEach-Object { Stop-SlowRelay $_ }
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id
        }
    }

    It 'a server that is down or a closed connection gets its own error record (target: the connection); the others answer' {
        $emC = Start-AriEmulator -Port 0
        $c = Connect-Ari $emC.BaseUri $credential -Name pbx-c
        $d = Connect-Ari $emB.BaseUri $credential -Name pbx-d
        $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
        try {
            $emC | Stop-AriEmulator
            $d | Disconnect-Ari
            $channels = @(Get-AriChannel -Connection $c, $a, $d -ErrorVariable failures -ErrorAction SilentlyContinue)
            $channels.Id | Should -Contain $ca.Id
            $channels.Connection | Select-Object -Unique | Should -Be $a
            $failures.Count | Should -Be 2
            $down = $failures | Where-Object { $_.TargetObject -eq $c }
            $down.FullyQualifiedErrorId | Should -BeLike 'AriConnectionFailed*'
            $down.CategoryInfo.Category | Should -Be 'ConnectionError'
            ($failures | Where-Object { $_.TargetObject -eq $d }).FullyQualifiedErrorId | Should -BeLike 'AriConnectionClosed*'
            # A server that refuses the credentials (401): an error for it alone.
            $emB.AddUser('fleet-user', 'first')
            $x = Connect-Ari $emB.BaseUri ([pscredential]::new('fleet-user', (ConvertTo-SecureString 'first' -AsPlainText -Force))) -Name pbx-x
            $emB.AddUser('fleet-user', 'changed')
            $channels = @(Get-AriChannel -Connection $a, $x -ErrorVariable refused -ErrorAction SilentlyContinue)
            $channels.Id | Should -Contain $ca.Id
            $refused.Count | Should -Be 1
            $refused[0].TargetObject | Should -Be $x
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp401*'
            $x | Disconnect-Ari
            # An action too: each connection in turn, the dead one an error.
            Set-AriGlobalVariable -Variable FLEET_SET -Value done -Connection $c, $a -ErrorAction SilentlyContinue -ErrorVariable setFailures
            (Get-AriGlobalVariable -Variable FLEET_SET -Connection $a).Value | Should -Be 'done'
            $setFailures.Count | Should -Be 1
            $setFailures[0].TargetObject | Should -Be $c
        }
        finally {
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            $c | Disconnect-Ari
        }
    }

    It 'actions apply to each connection in turn; piped objects act over the server they came from' {
        $made = @(New-AriChannel -Endpoint Local/wait@default -App fleet -ChannelId fleet-made -Connection $a, $b)
        $made.Count | Should -Be 2
        $made[0].Connection | Should -Be $a
        $made[1].Connection | Should -Be $b
        # Reads write results as they arrive, in any order.
        @(Get-AriChannel fleet-made -Connection $a, $b).Server | Sort-Object | Should -Be 'pbx-a', 'pbx-b'
        # Each piped channel binds its one Connection: hung up on its own server, no error from the other.
        $made | Remove-AriChannel -ErrorVariable failed
        $failed.Count | Should -Be 0
        Wait-Until { @(Get-AriChannel -Connection $a, $b | Where-Object Id -eq fleet-made).Count -eq 0 }
        # An id given to both is hung up on the server that has it; the other answers 404 (target: the id).
        $one = New-AriChannel -Endpoint Local/wait@default -App fleet -ChannelId fleet-one -Connection $b
        $said = @(Remove-AriChannel -ChannelId $one.Id -Connection $a, $b -ErrorVariable notThere -ErrorAction SilentlyContinue -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*Hang up*' }).Message
        $said | Should -HaveCount 2
        $said[0] | Should -BeLike '*fleet-one on pbx-a*' -Because 'ShouldProcess (-WhatIf, -Confirm, -Verbose) names the server'
        $said[1] | Should -BeLike '*fleet-one on pbx-b*'
        $notThere.Count | Should -Be 1
        $notThere[0].TargetObject | Should -Be $one.Id
        $notThere[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp404*'
        Wait-Until { @(Get-AriChannel -Connection $b | Where-Object Id -eq fleet-one).Count -eq 0 }
        { Get-AriChannel -Connection @() } | Should -Throw -ErrorId 'AriNoConnection*'
    }

    It 'Wait-AriEvent waits on all connections at once: what the second server sends while the first is waited for is not lost' {
        $waitersBefore = @($a.EventWaiters, $b.EventWaiters)
        # -Filter runs on the pipeline thread even though each connection is waited for on a worker.
        $wait = Start-Background -Parameters @{ A = $a; B = $b } -Script {
            param($A, $B)
            Wait-AriEvent StasisStart -Connection $A, $B -Filter { $_.Channel.Id -like '*' -and $null -ne $ExecutionContext } -Timeout 20
        }
        try {
            # Both registered at once (in turn, pbx-b's waiter came only after pbx-a's event).
            Wait-Until { $a.EventWaiters -gt $waitersBefore[0] -and $b.EventWaiters -gt $waitersBefore[1] }
            $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
            Wait-Until { @(Get-Output $wait).Count -ge 1 }
            $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
            Wait-Until { $wait.Handle.IsCompleted } -TimeoutSec 20
            $seen = @(Get-Output $wait)
            $wait.PowerShell.Streams.Error | Should -BeNullOrEmpty
            $seen.Count | Should -Be 2
            $seen[0].Connection | Should -Be $b -Because 'events are written as they come, whichever server sends them'
            $seen[0].Channel.Id | Should -Be $cb.Id
            $seen[1].Connection | Should -Be $a
            $seen[1].Channel.Id | Should -Be $ca.Id
            $a.EventWaiters | Should -Be $waitersBefore[0]
            $b.EventWaiters | Should -Be $waitersBefore[1]
        }
        finally {
            $wait.PowerShell.Dispose()
            if ($ca) { Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id }
            if ($cb) { Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id }
        }
    }

    It 'Wait-AriEvent over several connections stops waiting on all of them when the pipeline stops early (Select-Object -First)' {
        $waitersBefore = @($a.EventWaiters, $b.EventWaiters)
        $wait = Start-Background -Parameters @{ A = $a; B = $b } -Script {
            param($A, $B)
            Wait-AriEvent StasisStart -Connection $A, $B -Count 5 | Select-Object -First 1
        }
        try {
            Wait-Until { $a.EventWaiters -gt $waitersBefore[0] -and $b.EventWaiters -gt $waitersBefore[1] }
            $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
            Wait-Until { $wait.Handle.IsCompleted }
            @(Get-Output $wait).Channel.Id | Should -Be $cb.Id
            # pbx-a's wait (5 events, no timeout) must end with the pipeline, not wait on for ever.
            Wait-Until { $a.EventWaiters -eq $waitersBefore[0] -and $b.EventWaiters -eq $waitersBefore[1] } -TimeoutSec 5
        }
        finally {
            $wait.PowerShell.Dispose()
            if ($cb) { Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id }
        }
    }

    It 'Wait-AriEvent over several connections: a terminating error on one stops the waits on the others at once' {
        $c = Connect-Ari $emA.BaseUri $credential -Name pbx-closing
        $feed = Start-Background -Parameters @{ C = $c } -Script { param($C) Receive-AriEvent -App fleet-closing -Connection $C }
        Wait-Until { Test-AppListening $emA fleet-closing }
        $waitersBefore = $b.EventWaiters
        $wait = Start-Background -Parameters @{ B = $b; C = $c } -Script { param($B, $C) Wait-AriEvent StasisStart -Connection $B, $C }
        try {
            Wait-Until { $b.EventWaiters -gt $waitersBefore }
            $c | Disconnect-Ari    # pbx-closing's wait ends with a terminating error; pbx-b's must not wait on for ever
            Wait-Until { $wait.Handle.IsCompleted } -TimeoutSec 10
            $wait.PowerShell.HadErrors | Should -BeTrue
            Wait-Until { $b.EventWaiters -eq $waitersBefore } -TimeoutSec 5
        }
        finally {
            $wait.PowerShell.Dispose()
            $feed.PowerShell.Stop(); $feed.PowerShell.Dispose()
        }
    }
}

Describe 'Receive-AriEvent over several connections' {
    It 'merges the streams: each event carries its server, per-stream order holds, -Type and -Count count the merged stream' {
        $bg = Start-Background -Parameters @{ A = $a; B = $b } -Script {
            param($A, $B)
            Receive-AriEvent -App fleet -Connection $A, $B -Type Stasis* -Count 4
        }
        try {
            Wait-Until { (Test-AppListening $emA fleet) -and (Test-AppListening $emB fleet) }
            $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
            $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
            Wait-Until { @(Get-Output $bg | Where-Object Type -eq StasisStart).Count -eq 2 }
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id
            Wait-Until { $bg.Handle.IsCompleted }
            $events = Get-Output $bg
            $events.Count | Should -Be 4
            # -Timeout ends the merged stream quietly.
            @(Receive-AriEvent -App fleet-quiet -Connection $a, $b -Timeout 0.5).Count | Should -Be 0
            foreach ($pair in @(@($a, $ca), @($b, $cb))) {
                $mine = @($events | Where-Object { $_.Connection -eq $pair[0] })
                @($mine.Type) | Should -Be @('StasisStart', 'StasisEnd')
                @($mine.ChannelId | Select-Object -Unique) | Should -Be $pair[1].Id
            }
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'a stream that cannot open is an error for its connection; one that drops reconnects on its own while the other goes on' {
        $emC = Start-AriEmulator -Port 0
        $c = Connect-Ari $emC.BaseUri $credential -Name pbx-c
        $emC | Stop-AriEmulator
        $errors = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ A = $a; B = $b; C = $c; Errors = $errors } -Script {
            param($A, $B, $C, $Errors)
            Receive-AriEvent -App fleet -Connection $C, $A, $B -MaxReconnectDelay 0.1 -ErrorVariable +failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                ForEach-Object { if ($failed) { foreach ($f in $failed) { $Errors.Enqueue($f) }; $failed.Clear() }; $_ }
        }
        try {
            Wait-Until { (Test-AppListening $emA fleet) -and (Test-AppListening $emB fleet) }
            $emA.DropEventSockets()
            $cb = New-AriEmulatorCall -Emulator $emB -Extension app-fleet
            Wait-Until { @(Get-Output $bg | Where-Object { $_.Type -eq 'StasisStart' -and $_.Connection -eq $b }).Count -eq 1 }
            Wait-Until { @(Get-Output $bg | Where-Object { $_.Type -eq 'ConnectionRestored' -and $_.Connection -eq $a }).Count -eq 1 }
            $ca = New-AriEmulatorCall -Emulator $emA -Extension app-fleet
            Wait-Until { @(Get-Output $bg | Where-Object { $_.Type -eq 'StasisStart' -and $_.Connection -eq $a }).Count -eq 1 }
            @(Get-Output $bg | Where-Object { $_.Type -eq 'ConnectionLost' }).Connection | Should -Be $a
            Wait-Until { $errors.Count -ge 1 }
            @($errors)[0].TargetObject | Should -Be $c
            @($errors)[0].FullyQualifiedErrorId | Should -BeLike 'AriConnectionFailed*'
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
            $c | Disconnect-Ari
        }
    }

    It 'the card''s pipeline over two servers at once: each call is answered and played over its own server' {
        $bg = Start-Background -Parameters @{ A = $a; B = $b } -Script {
            param($A, $B)
            Receive-AriEvent -App hello-world -Connection $A, $B | Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world
        }
        try {
            Wait-Until { (Test-AppListening $emA hello-world) -and (Test-AppListening $emB hello-world) }
            $ca = New-AriEmulatorCall -Emulator $emA -Extension 1000
            $cb = New-AriEmulatorCall -Emulator $emB -Extension 1000
            Wait-Until { $bg.Output.Count -ge 2 }
            $playbacks = Get-Output $bg
            ($playbacks | Where-Object Connection -eq $a).TargetUri | Should -Be "channel:$($ca.Id)"
            ($playbacks | Where-Object Connection -eq $b).TargetUri | Should -Be "channel:$($cb.Id)"
            @($playbacks.Server | Sort-Object) | Should -Be @('pbx-a', 'pbx-b')
            Stop-AriEmulatorCall -Emulator $emA -ChannelId $ca.Id
            Stop-AriEmulatorCall -Emulator $emB -ChannelId $cb.Id
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
        }
    }
}

Describe 'Connections by name' {
    It '-Connection takes names and wildcards as well as connections' {
        (Get-AriAsteriskInfo -Connection pbx-a).Server | Should -Be 'pbx-a'
        $both = @(Get-AriAsteriskInfo -Connection 'PBX-*')   # wildcards, any case
        $both.Count | Should -Be 2
        $both.Server | Sort-Object | Should -Be 'pbx-a', 'pbx-b'
        @(Get-AriAsteriskInfo -Connection pbx-b, $a).Server | Sort-Object | Should -Be 'pbx-a', 'pbx-b'
    }

    It 'a name that matches no connection is an error that lists the names there are, and nothing is sent' {
        $before = $emA.RequestCount + $emB.RequestCount
        $err = { Get-AriChannel -Connection pbx-c } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*No ARI connection of this session is named 'pbx-c'*pbx-a, pbx-b*"
        { Get-AriChannel -Connection 'nothing*' } | Should -Throw "*named 'nothing*'*"
        $emA.RequestCount + $emB.RequestCount | Should -Be $before
    }

    It 'Get-AriConnection -Name filters by name (wildcards); an exact name that matches nothing is an error' {
        (Get-AriConnection pbx-b).Name | Should -Be 'pbx-b'
        @(Get-AriConnection -Name 'pbx-*', pbx-a).Name | Should -Be 'pbx-a', 'pbx-b'   # each once, in order of the names
        @(Get-AriConnection 'none*').Count | Should -Be 0
        Get-AriConnection none -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'AriConnectionNotFound,PSAri.Commands.GetAriConnectionCommand'
        $missing[0].TargetObject | Should -Be 'none'
        { Get-AriConnection -Name pbx-a -Default } | Should -Throw -ErrorId 'AmbiguousParameterSet,PSAri.Commands.GetAriConnectionCommand'
    }

    It 'completes connection names after -Connection, and completes ids from the server it names' {
        $names = (TabExpansion2 'Get-AriChannel -Connection pbx-' 28).CompletionMatches.CompletionText
        $names | Should -Be 'pbx-a', 'pbx-b'
        $onB = New-AriChannel -Endpoint Local/wait@default -Extension wait -Connection $b   # stays up in the dialplan
        try {
            $line = 'Get-AriChannel -Connection pbx-b -Id '
            $ids = (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText
            $ids | Should -Contain $onB.Id
            $line = 'Get-AriChannel -Connection pbx-a -Id '
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Not -Contain $onB.Id
        }
        finally { $onB | Remove-AriChannel }
    }

    It 'Disconnect-Ari takes a name' {
        $c = Connect-Ari $emA.BaseUri $credential -Name pbx-temp
        Disconnect-Ari pbx-temp
        $c.IsOpen | Should -BeFalse
        @(Get-AriConnection).Name | Should -Not -Contain 'pbx-temp'
    }
}
