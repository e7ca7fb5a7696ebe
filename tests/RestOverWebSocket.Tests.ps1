BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0 -TimeScale 10
    $ws = Connect-Ari $emulator.BaseUri $credential -Transport WebSocket -App hello-world
    # Only the socket's handshake went over HTTP; every REST request since went over the socket.
    function Get-HttpRestLine { @($emulator.RequestLog | Where-Object { $_ -notlike 'GET /ari/events*' }) }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Connect-Ari -Transport WebSocket' {
    It 'opens one event socket and checks the server over it' {
        $ws.Transport | Should -Be 'WebSocket'
        $ws.AsteriskVersion | Should -Be '22.10.1'
        $emulator.RequestLog | Should -Be @('GET /ari/events?app=hello-world HTTP/1.1')
        $emulator.WebSocketRequestCount | Should -BeGreaterThan 0
    }

    It 'needs -App, and -App needs -Transport WebSocket' {
        { Connect-Ari $emulator.BaseUri $credential -Transport WebSocket } | Should -Throw '*needs -App*'
        { Connect-Ari $emulator.BaseUri $credential -App x } | Should -Throw '*only with -Transport WebSocket*'
    }

    It 'refuses wrong credentials at the handshake' {
        $wrong = New-TestCredential -Password 'wrong-123'
        $err = { Connect-Ari $emulator.BaseUri $wrong -Transport WebSocket -App nobody } | Should -Throw -PassThru
        $err.Exception.StatusCode | Should -Be 401
        $err.Exception.Message | Should -Not -Match 'wrong-123'
    }

    It 'says the transport in -Verbose' {
        $lines = Get-AriAsteriskInfo -Connection $ws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$lines" | Should -Match 'GET asterisk/info via WebSocket ws://127\.0\.0\.1:\d+/ari/events\?app=hello-world -> 200 OK'
    }
}

Describe 'Cmdlets over the socket' {
    It 'work unchanged: system, variables, bridges, sounds, channels' {
        $emulator.ClearRequestLog()
        $before = $emulator.WebSocketRequestCount
        (Get-AriAsteriskInfo -Connection $ws).System.Version | Should -Be '22.10.1'
        Ping-AriAsterisk -Connection $ws | Should -Not -BeNullOrEmpty
        Set-AriGlobalVariable -Name PSARI_WS -Value 'over the socket' -Connection $ws
        (Get-AriGlobalVariable -Name PSARI_WS -Connection $ws).Value | Should -Be 'over the socket'
        $bridge = New-AriBridge -Type mixing -Name ws-bridge -Connection $ws
        $bridge.Connection | Should -Be $ws
        (Get-AriBridge -BridgeId $bridge.Id -Connection $ws).Name | Should -Be 'ws-bridge'
        $bridge | Remove-AriBridge
        @(Get-AriSound -Connection $ws).Count | Should -BeGreaterThan 0
        $channel = New-AriChannel Local/wait@default -App hello-world -Connection $ws
        (Get-AriChannel -ChannelId $channel.Id -Connection $ws).Id | Should -Be $channel.Id
        Set-AriChannelVariable -ChannelId $channel.Id -Name X -Value 1 -Connection $ws
        (Get-AriChannelVariable -ChannelId $channel.Id -Name X -Connection $ws).Value | Should -Be '1'
        Remove-AriChannel -ChannelId $channel.Id -Connection $ws
        Get-HttpRestLine | Should -BeNullOrEmpty
        $emulator.WebSocketRequestCount - $before | Should -BeGreaterOrEqual 12
    }

    It 'reports ARI errors as over HTTP: status, ARI message, category, target' {
        $got = Get-AriChannel -ChannelId no-such-channel -Connection $ws -ErrorVariable errs -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $errs[0].Exception.StatusCode | Should -Be 404
        $errs[0].Exception.Message | Should -Be 'Channel not found'
        $errs[0].Exception.Request | Should -BeLike 'GET channels/no-such-channel via WebSocket ws://*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'no-such-channel'
        $null = Invoke-AriChannelAnswer -ChannelId no-such-channel -Connection $ws -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].Exception.StatusCode | Should -Be 404
    }

    It 'runs requests from several runspaces at once on one socket' {
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:ModuleManifest
            $c = $using:ws
            1..10 | ForEach-Object {
                $name = "P$($using:_)_$_"
                Set-AriGlobalVariable -Name $name -Value $name -Connection $c
                (Get-AriGlobalVariable -Name $name -Connection $c).Value -eq $name
            }
        }
        @($results).Count | Should -Be 80
        @($results | Where-Object { -not $_ }).Count | Should -Be 0
        Get-HttpRestLine | Should -BeNullOrEmpty
    }
}

Describe "The card's pipeline over the socket" {
    It 'Receive-AriEvent starts with the events the socket got since it was last read (nothing is lost in between)' {
        $buffered = @(Receive-AriEvent -App hello-world -Connection $ws -Timeout 0.5)
        # The channel the cmdlets test made entered the app before anything read the socket.
        @($buffered | Where-Object Type -eq StasisStart).Count | Should -BeGreaterOrEqual 1
        @($buffered | ForEach-Object Type) | Should -Contain 'StasisEnd'
        @($buffered | ForEach-Object Type) | Should -Not -Contain 'RESTResponse'
        Receive-AriEvent -App hello-world -Connection $ws -Timeout 0.2 | Should -BeNullOrEmpty
    }

    It 'Receive-AriEvent reads the connection''s socket; Invoke-AriChannelPlay -Wait acts over it; no RESTResponse is written' {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $ws; Seen = $seen } -Script {
            param($C, $Seen)
            Receive-AriEvent -App hello-world -Connection $C | ForEach-Object { $Seen.Enqueue($_); $_ } |
                Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world -Wait
        }
        try {
            $emulator.ClearRequestLog()
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { $bg.Output.Count -ge 1 } -TimeoutSec 10
            $playback = $bg.Output[0]
            $playback.MediaUri | Should -Be 'sound:hello-world'
            $playback.State | Should -Be 'done'
            $playback.TargetUri | Should -Be "channel:$($call.Id)"
            $playback.Connection | Should -Be $ws
            Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id
            Wait-Until { @($seen | Where-Object Type -eq StasisEnd).Count -ge 1 } -TimeoutSec 5
            @($seen | ForEach-Object Type) | Should -Not -Contain 'RESTResponse'
            @($seen | ForEach-Object Type)[0..2] | Should -Be @('StasisStart', 'PlaybackStarted', 'PlaybackFinished')
            # No second socket replaced the app's: the only HTTP requests are the test's own app checks.
            @($emulator.RequestLog | Where-Object { $_ -like 'GET /ari/events*' }) | Should -BeNullOrEmpty
            $bg.PowerShell.Stop()
        }
        finally { $bg.PowerShell.Dispose() }
        # Ending Receive-AriEvent gives the socket back: the connection still works over it.
        (Get-AriAsteriskInfo -Connection $ws).System.Version | Should -Be '22.10.1'
    }

    It 'keeps working after the socket drops and comes back' {
        $emulator.DropEventSockets()
        Wait-Until {
            try { $null = Get-AriAsteriskInfo -Connection $ws -ErrorAction Stop; $true } catch { $false }
        } -TimeoutSec 15
        $ws.Reconnects | Should -BeGreaterOrEqual 1
        Get-HttpRestLine | Where-Object { $_ -notlike 'GET /ari/applications/*' } | Should -BeNullOrEmpty
    }
}

Describe 'Disconnect-Ari' {
    It 'closes the socket that carried the requests' {
        Test-AppListening $emulator hello-world | Should -BeTrue
        Disconnect-Ari $ws
        Wait-Until { -not (Test-AppListening $emulator hello-world) } -TimeoutSec 5
        $ws.IsOpen | Should -BeFalse
    }
}
