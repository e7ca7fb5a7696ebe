BeforeAll {
    . $PSScriptRoot/Common.ps1
    # What websocket_client.conf's username/password would hold: the credential Asterisk presents to the app.
    $appCredential = New-TestCredential -User app-user -Password 'app-secret-1'
    function Get-FreePort {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop(); $port
    }
    # Receive-AriOutboundEvent in its own runspace, every event tapped into $Seen before the rest of the pipeline.
    function Start-Listener([int] $Port, [string] $Rest = '', $Seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()) {
        $bg = Start-Background -Parameters @{ Port = $Port; Credential = $appCredential; Seen = $Seen } -Script ([scriptblock]::Create(
            "param(`$Port, `$Credential, `$Seen) Receive-AriOutboundEvent -Port `$Port -Credential `$Credential | ForEach-Object { `$Seen.Enqueue(`$_); `$_ } $Rest"))
        $bg | Add-Member -NotePropertyName Seen -NotePropertyValue $Seen -PassThru
    }
}

AfterAll {
    Get-AriEmulator | Stop-AriEmulator
}

Describe 'Receive-AriOutboundEvent' {
    It "runs the card's pipeline over the socket Asterisk opened: events in, REST out, no HTTP" {
        $port = Get-FreePort
        $bg = Start-Listener $port '| Where-Object Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world -Wait'
        try {
            $emulator = Start-AriEmulator -TimeScale 10 -OutboundUri "ws://127.0.0.1:$port/ari-app" -OutboundCredential $appCredential
            Wait-Until { @($bg.Seen | Where-Object Type -eq ApplicationRegistered).Count -ge 1 } -TimeoutSec 10
            $registered = @($bg.Seen)[0]
            $registered.Application | Should -Be 'hello-world'
            $registered.Connection.Transport | Should -Be 'WebSocket'
            $registered.Connection.UserName | Should -Be 'app-user'
            Wait-Until { $registered.Connection.AsteriskVersion -eq '22.10.1' }

            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { $bg.Output.Count -ge 1 } -TimeoutSec 10
            $playback = $bg.Output[0]
            $playback.MediaUri | Should -Be 'sound:hello-world'
            $playback.State | Should -Be 'done'
            $playback.TargetUri | Should -Be "channel:$($call.Id)"
            $playback.Connection | Should -Be $registered.Connection
            # The emulator's HTTP server saw nothing: the REST requests went over the outbound socket.
            $emulator.RequestLog | Should -BeNullOrEmpty
            $emulator.WebSocketRequestCount | Should -BeGreaterOrEqual 2
            @($bg.Seen | ForEach-Object Type) | Should -Not -Contain 'RESTResponse'
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
            $emulator | Stop-AriEmulator
        }
    }

    It 'refuses wrong credentials with a warning (no secret in it); Asterisk keeps trying' {
        $port = Get-FreePort
        $bg = Start-Listener $port
        try {
            $emulator = Start-AriEmulator -OutboundUri "ws://127.0.0.1:$port/" -OutboundCredential (New-TestCredential -User app-user -Password 'not-the-secret')
            Wait-Until { $bg.PowerShell.Streams.Warning.Count -ge 2 } -TimeoutSec 10
            $warning = $bg.PowerShell.Streams.Warning[0].Message
            $warning | Should -BeLike "Refused the connection from 127.0.0.1:*: it did not present the user name and password of 'app-user'."
            $warning | Should -Not -Match 'secret'
            # The emulator counts a failure once it has read the 401, a moment after the listener warned.
            Wait-Until { $emulator.OutboundFailures -ge 2 }
            $emulator.OutboundConnections | Should -Be 0
            $bg.Seen.Count | Should -Be 0
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
            $emulator | Stop-AriEmulator
        }
    }

    It 'takes the persistent connection back after it drops (a new connection, ApplicationRegistered again)' {
        $port = Get-FreePort
        $bg = Start-Listener $port '| Out-Null'
        try {
            $emulator = Start-AriEmulator -OutboundUri "ws://127.0.0.1:$port/" -OutboundCredential $appCredential -OutboundApp app-one, app-two
            Wait-Until { @($bg.Seen | Where-Object Type -eq ApplicationRegistered).Count -ge 2 } -TimeoutSec 10
            @($bg.Seen | ForEach-Object Application) | Should -Be @('app-one', 'app-two')
            $emulator.DropEventSockets()
            Wait-Until { @($bg.Seen | Where-Object Type -eq ApplicationRegistered).Count -ge 4 } -TimeoutSec 15
            $connections = @($bg.Seen | ForEach-Object Connection | Select-Object -Unique)
            $connections.Count | Should -Be 2
            $emulator.OutboundConnections | Should -BeGreaterOrEqual 2
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
            $emulator | Stop-AriEmulator
        }
    }

    It '-Type, -Count and -Timeout work as in Receive-AriEvent' {
        $port = Get-FreePort
        $emulator = Start-AriEmulator -OutboundUri "ws://127.0.0.1:$port/" -OutboundCredential $appCredential
        try {
            $events = Receive-AriOutboundEvent -Port $port -Credential $appCredential -Type Application* -Count 1 -Timeout 15
            @($events).Count | Should -Be 1
            $events.Type | Should -Be 'ApplicationRegistered'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Receive-AriOutboundEvent -Port (Get-FreePort) -Credential $appCredential -Timeout 0.5 | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        }
        finally { $emulator | Stop-AriEmulator }
    }

    It 'says where it listens in -Verbose, and refuses a certificate without its private key' {
        $lines = Receive-AriOutboundEvent -Port (Get-FreePort) -Credential $appCredential -Timeout 0.2 -Verbose 4>&1
        "$lines" | Should -Match "Listening on ws://127\.0\.0\.1:\d+ for Asterisk's outbound WebSocket \(user app-user\)"
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $public = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($request.CreateSelfSigned([datetimeoffset]::Now.AddMinutes(-5), [datetimeoffset]::Now.AddHours(1)).RawData)
        { Receive-AriOutboundEvent -Port 0 -Credential $appCredential -Certificate $public -Timeout 0.2 } | Should -Throw '*no private key*'
    }
}

Describe 'Start-AriEmulator -OutboundUri' {
    It 'takes only ws:// addresses' {
        { Start-AriEmulator -OutboundUri 'https://127.0.0.1:1/' -OutboundCredential $appCredential } | Should -Throw '*ws:// URI*'
    }
}
