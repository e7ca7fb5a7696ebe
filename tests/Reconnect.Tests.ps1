BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
}

Describe 'Receive-AriEvent when the socket drops' {
    BeforeEach {
        $emulator = Start-AriEmulator -Port 0
        $connection = Connect-Ari $emulator.BaseUri $credential
    }
    AfterEach {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It 'reconnects, reports the gap, lists the channels still in the app, and goes on' {
        $bg = Start-Receiver '-App hello-world -MaxReconnectDelay 0.5' $connection
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { (Get-Types $bg) -contains 'StasisStart' }

            $emulator.DropEventSockets()
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $lost = @(Get-Output $bg | Where-Object Type -eq ConnectionLost)[0]
            $restored = @(Get-Output $bg | Where-Object Type -eq ConnectionRestored)[0]
            $lost | Should -BeOfType ([PSAri.Model.AriConnectionEvent])
            $lost.Connection | Should -Be $connection
            $restored.Gap | Should -BeOfType ([TimeSpan])
            $restored.Attempts | Should -BeGreaterOrEqual 1
            # Asterisk keeps the channel in the app while no socket is connected.
            $restored.Applications.Name | Should -Be 'hello-world'
            $restored.Applications.ChannelIds | Should -Contain $call.Id
            $connection.Reconnects | Should -Be 1
            @($bg.PowerShell.Streams.Warning | ForEach-Object Message) -join "`n" | Should -Match 'dropped.*reconnecting'

            # Events of the kept channel arrive on the new socket.
            Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id
            Wait-Until { (Get-Types $bg) -contains 'StasisEnd' } -TimeoutSec 5
            (Get-Types $bg) | Should -Be @('StasisStart', 'ConnectionLost', 'ConnectionRestored', 'ChannelHangupRequest', 'StasisEnd')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'comes back after the server restarts on the same port' {
        $bg = Start-Receiver '-App hello-world -MaxReconnectDelay 0.3' $connection
        $second = $null
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $port = $emulator.Port
            $emulator | Stop-AriEmulator
            Wait-Until { (Get-Types $bg) -contains 'ConnectionLost' } -TimeoutSec 5
            Start-Sleep -Milliseconds 500
            $second = Start-AriEmulator -Port $port
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            # The new server knows nothing of the old app's channels.
            @(Get-Output $bg | Where-Object Type -eq ConnectionRestored)[0].Applications.ChannelIds | Should -BeNullOrEmpty
            $null = New-AriEmulatorCall -Emulator $second -Extension 1000
            Wait-Until { (Get-Types $bg) -contains 'StasisStart' } -TimeoutSec 5
        }
        finally {
            $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
            if ($second) { $second | Stop-AriEmulator }
        }
    }

    It '-NoReconnect ends the stream with a connection error' {
        $bg = Start-Receiver '-App hello-world -NoReconnect' $connection
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $emulator.DropEventSockets()
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 5
            $bg.PowerShell.Streams.Error[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $bg.PowerShell.Streams.Error[0].Exception.Message | Should -Match 'broke'
            Get-Output $bg | Should -BeNullOrEmpty
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'gives up after -MaxReconnectAttempts with an error that says so' {
        $bg = Start-Receiver '-App hello-world -MaxReconnectAttempts 2 -MaxReconnectDelay 0.1' $connection
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $emulator | Stop-AriEmulator
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 10
            (Get-Types $bg) | Should -Be @('ConnectionLost')
            $bg.PowerShell.Streams.Error[0].Exception.Message | Should -Match 'did not come back after 2 attempts'
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It 'Ctrl+C during the backoff ends at once' {
        $bg = Start-Receiver '-App hello-world -MaxReconnectDelay 30' $connection
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $emulator | Stop-AriEmulator
            Wait-Until { (Get-Types $bg) -contains 'ConnectionLost' } -TimeoutSec 5
            Start-Sleep -Seconds 1
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $bg.PowerShell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        }
        finally { $bg.PowerShell.Dispose() }
    }
}
