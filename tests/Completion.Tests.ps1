# Tab completion (Commands/Completers): values from the server of the default connection or the -Connection typed,
# cached a few seconds, never slow, never throwing.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0 -Mailboxes
    $connection = Connect-Ari $emulator.BaseUri $credential

    # The completion texts TabExpansion2 offers at the end of the line.
    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
    # Lets the next completion read from the server again (lists are cached per connection for a few seconds).
    function Reset-CompletionCache([object] $For = $connection) {
        [PSAri.Client.AriConnection].Assembly.GetType('PSAri.Commands.Completers.AriCompletion').GetMethod('Forget', [Reflection.BindingFlags]'NonPublic,Static').Invoke($null, [object[]]@($For.psobject.BaseObject))
    }

    # A connection object for any URI, without Connect-Ari's check that the server is Asterisk.
    function New-RawConnection([uri] $Uri) {
        $ariCredential = [PSAri.Client.AriConnection].Assembly.GetType('PSAri.Client.AriCredential').GetConstructors('NonPublic,Public,Instance')[0].Invoke(@('u', 'p'))
        # $null TLS options: the default check.
        [PSAri.Client.AriConnection].GetConstructors('NonPublic,Instance')[0].Invoke(@($Uri, $ariCredential, [TimeSpan]::FromSeconds(30), $null))
    }

    $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
        param($C, $Seen)
        Receive-AriEvent -Connection $C -App 'completion-app' | ForEach-Object { $Seen.Enqueue($_) }
    }
    Wait-Until { Test-AppListening $emulator completion-app }
    $call = New-AriEmulatorCall -Emulator $emulator -Extension app-completion-app
    Wait-Until { @($seen | Where-Object Type -eq StasisStart).Count -ge 1 }
}

AfterAll {
    if ($bg) { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Completion of ids from the server' {
    It 'application names (GET /applications), with a prefix and with a wildcard' {
        Complete 'Receive-AriEvent -App ' | Should -Contain 'completion-app'
        Complete 'Receive-AriEvent -App compl' | Should -Be @('completion-app')
        Complete 'Move-AriChannel -ChannelId x -App *tion-a' | Should -Be @('completion-app')
        Complete 'Receive-AriEvent -App zzz' | Should -BeNullOrEmpty
    }

    It 'application names on the application and event cmdlets too' {
        Complete 'Get-AriApplication -ApplicationName compl' | Should -Be @('completion-app')
        Complete 'Add-AriApplicationSubscription -ApplicationName compl' | Should -Be @('completion-app')
        Complete 'Send-AriUserEvent -EventName e -Application compl' | Should -Be @('completion-app')
        Complete 'Invoke-AriChannelClaim -ChannelId x -Application compl' | Should -Be @('completion-app')
    }

    It 'module names (GET /asterisk/modules) and log channel names (GET /asterisk/logging)' {
        Complete 'Get-AriModule -ModuleName res_ari.s' | Should -Contain 'res_ari.so'
        Complete 'Restart-AriModule res_ari.s' | Should -Contain 'res_ari.so'
        $null = Add-AriLogChannel -LogChannelName completion-log -Configuration notice
        Reset-CompletionCache
        Complete 'Remove-AriLogChannel -LogChannelName completion-l' | Should -Be @('completion-log')
        Complete 'Invoke-AriLogChannelRotation completion-l' | Should -Be @('completion-log')
        Remove-AriLogChannel -LogChannelName completion-log
    }

    It 'ids for Wait-AriEvent' {
        Complete 'Wait-AriEvent -ChannelId ' | Should -Contain $call.Id
    }

    It 'channel ids (GET /channels) on the parameters that take an existing channel' {
        Complete 'Get-AriChannel -Id ' | Should -Contain $call.Id
        Complete "Remove-AriChannel $($call.Id.Substring(0, 4))" | Should -Contain $call.Id
        Complete 'Invoke-AriChannelAnswer -ChannelId ' | Should -Contain $call.Id
        Complete 'Add-AriBridgeChannel -BridgeId b -ChannelId ' | Should -Contain $call.Id
        $result = TabExpansion2 -inputScript 'Get-AriChannel -Id ' -cursorColumn 'Get-AriChannel -Id '.Length
        ($result.CompletionMatches | Where-Object CompletionText -eq $call.Id).ToolTip | Should -Match 'Up|Ring'
    }

    It 'bridge ids (GET /bridges), quoted when they hold a space' {
        $bridge = New-AriBridge -BridgeId 'my bridge 1' -Name 'spaced'
        Reset-CompletionCache
        Complete 'Remove-AriBridge -BridgeId my' | Should -Be @("'my bridge 1'")
        Complete "Remove-AriBridge -BridgeId 'my b" | Should -Be @("'my bridge 1'")
        Complete 'Remove-AriBridge -BridgeId "my b' | Should -Be @('"my bridge 1"')
        Complete 'Get-AriBridge -Id ' | Should -Contain "'my bridge 1'"
        Remove-AriBridge -BridgeId $bridge.Id -Confirm:$false
    }

    It 'device states, mailboxes and sounds' {
        Set-AriDeviceState -DeviceName 'Stasis:completion-lamp' -DeviceState INUSE
        Set-AriMailbox -MailboxName 'completion@default' -OldMessages 0 -NewMessages 1
        Reset-CompletionCache
        Complete 'Get-AriDeviceState -DeviceName Stasis:compl' | Should -Be @('Stasis:completion-lamp')
        Complete 'Remove-AriMailbox -MailboxName compl' | Should -Be @('completion@default')
        Complete 'Get-AriSound -Id hello' | Should -Contain 'hello-world'
    }

    It 'endpoints as technology/resource, technologies, and resources of the technology typed' {
        # The emulator has no endpoints (like the captured server): a stub server answers GET /ari/endpoints.
        $port = & { $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $l.LocalEndpoint.Port; $l.Stop() }
        # Created here so the test can stop it: GetContext blocks in .NET, where PowerShell's Stop() cannot reach.
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $stub = Start-Background -Parameters @{ Listener = $listener } -Script {
            param($Listener)
            'listening'
            while ($Listener.IsListening) {
                $context = $Listener.GetContext()
                $json = if ($context.Request.Url.AbsolutePath -eq '/ari/endpoints') {
                    '[{"technology":"PJSIP","resource":"alice","state":"online","channel_ids":[]},{"technology":"PJSIP","resource":"bob smith","state":"offline","channel_ids":[]},{"technology":"IAX2","resource":"trunk","state":"online","channel_ids":[]}]'
                } else { '[]' }
                $bytes = [Text.Encoding]::UTF8.GetBytes($json)
                $context.Response.ContentType = 'application/json'
                $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                $context.Response.Close()
            }
        }
        try {
            Wait-Until { $stub.Output.Count -ge 1 }
            $stubConnection = New-RawConnection "http://127.0.0.1:$port/"
            $all = Complete 'New-AriChannel -Connection $stubConnection -Endpoint '
            $all | Should -Be @('PJSIP/alice', "'PJSIP/bob smith'", 'IAX2/trunk')
            Complete 'Move-AriChannel -Connection $stubConnection -ChannelId x -Endpoint pjsip/a' | Should -Be @('PJSIP/alice')
            Complete 'Get-AriEndpoint -Connection $stubConnection -Technology ' | Should -Be @('PJSIP', 'IAX2')
            Complete 'Get-AriEndpoint -Connection $stubConnection -Technology PJSIP -Resource ' | Should -Be @('alice', "'bob smith'")
            Complete 'Send-AriEndpointMessage -Connection $stubConnection -Technology IAX2 -Resource ' | Should -Be @('trunk')
            Complete 'Get-AriEndpoint -Connection $stubConnection -Technology NoSuchTech -Resource ' | Should -BeNullOrEmpty
            $stubConnection.Dispose()
        }
        finally { $listener.Stop(); $listener.Close(); $stub.PowerShell.Stop(); $stub.PowerShell.Dispose() }
    }

    It 'media URIs: the schemes, then sound: ids from the server and recording: stored recordings' {
        $schemes = Complete 'Invoke-AriChannelPlay -ChannelId x -Media '
        foreach ($scheme in 'sound:', 'recording:', 'digits:', 'number:', 'characters:', 'tone:') { $schemes | Should -Contain $scheme }
        Complete 'Invoke-AriChannelPlay -ChannelId x -Media to' | Should -Be @('tone:')
        Complete 'Invoke-AriChannelPlay -ChannelId x -Media sound:hello' | Should -Contain 'sound:hello-world'
        Complete 'Invoke-AriBridgePlay -BridgeId x -Media sound:tt-' | Should -Contain 'sound:tt-monkeys'
        Complete 'Invoke-AriChannelPlay -ChannelId x -Media digits:1' | Should -BeNullOrEmpty
    }

    It 'playbacks and live recordings seen in events, until they end; then the stored recording' {
        $playback = Invoke-AriChannelPlay -ChannelId $call.Id -Media 'tone:ring'
        Wait-Until { @($seen | Where-Object { $_.Type -eq 'PlaybackStarted' -and $_.Playback.Id -eq $playback.Id }).Count -eq 1 }
        Complete 'Stop-AriPlayback -PlaybackId ' | Should -Contain $playback.Id
        Complete "Invoke-AriPlaybackControl -PlaybackId $($playback.Id.Substring(0, 6))" | Should -Contain $playback.Id

        $null = Start-AriChannelRecording -ChannelId $call.Id -Name 'completion rec' -Format wav
        Wait-Until { @($seen | Where-Object Type -eq RecordingStarted).Count -ge 1 }
        Complete 'Stop-AriLiveRecording -RecordingName compl' | Should -Be @("'completion rec'")

        Stop-AriPlayback -PlaybackId $playback.Id -Confirm:$false
        Stop-AriLiveRecording -RecordingName 'completion rec' -Confirm:$false
        Wait-Until { @($seen | Where-Object Type -eq PlaybackFinished).Count -ge 1 -and @($seen | Where-Object Type -eq RecordingFinished).Count -ge 1 }
        Complete 'Stop-AriPlayback -PlaybackId ' | Should -Not -Contain $playback.Id
        Complete 'Stop-AriLiveRecording -RecordingName ' | Should -Not -Contain "'completion rec'"
        Reset-CompletionCache
        Complete 'Remove-AriStoredRecording -RecordingName compl' | Should -Be @("'completion rec'")
        Complete 'Invoke-AriChannelPlay -ChannelId x -Media recording:compl' | Should -Be @("'recording:completion rec'")
    }
}

Describe 'Which server, how fast, and failures' {
    It 'uses the -Connection already typed rather than the default' {
        $other = Start-AriEmulator -Port 0
        try {
            $otherConnection = Connect-Ari $other.BaseUri $credential   # now the default
            New-AriBridge -BridgeId 'only-on-other' -Connection $otherConnection | Out-Null
            Complete 'Get-AriBridge -Id only' | Should -Be @('only-on-other')
            Complete 'Get-AriBridge -Connection $connection -Id only' | Should -BeNullOrEmpty
            Complete 'Get-AriChannel -Connection $connection -Id ' | Should -Contain $call.Id
            Complete 'Get-AriChannel -Id ' | Should -Not -Contain $call.Id
            Disconnect-Ari -Connection $otherConnection
        }
        finally { $other | Stop-AriEmulator -Confirm:$false }
    }

    It 'caches each list per connection: a second completion within the lifetime sends no request' {
        Reset-CompletionCache
        $null = Complete 'Get-AriChannel -Id '
        $before = $emulator.RequestCount
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $again = Complete 'Get-AriChannel -Id '
        $clock.Stop()
        $emulator.RequestCount | Should -Be $before
        $again | Should -Contain $call.Id
    }

    It 'gives up on a server that does not answer within about a second, without an error' {
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()   # accepts connections in the kernel backlog and never answers
        try {
            $uri = [uri]"http://127.0.0.1:$($silent.LocalEndpoint.Port)/"
            $slow = New-RawConnection $uri
            $Error.Clear()
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $result = Complete 'Get-AriChannel -Connection $slow -Id '
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
            $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 0.5   # it did try, and waited for the short timeout
            $result | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
            $slow.Dispose()
        }
        finally { $silent.Stop() }
    }

    It 'offers nothing, and throws nothing, without a connection or after Disconnect-Ari' {
        $closed = Connect-Ari $emulator.BaseUri $credential
        Disconnect-Ari -Connection $closed
        $Error.Clear()
        Complete 'Get-AriChannel -Connection $closed -Id ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
