BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential

    # Runs a command expected to fail once (with no output); returns its single error record.
    function Get-OneError([scriptblock] $Command) {
        $all = @(& { $ErrorActionPreference = 'Continue'; & $Command } 2>&1)
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0]
    }
}

Describe 'REST calls against injected faults' {
    BeforeAll {
        $emulator = Start-AriEmulator -Port 0
        $connection = Connect-Ari $emulator.BaseUri $credential
        $bridge = New-AriBridge -Name faults

        # Get-AriBridge meets the fault: one error of this type, id, category and message (a regex), with the bridge
        # id as its target; then the same call on the same connection works.
        function Assert-FaultThenRecovery([type] $Type, [string] $Id, [string] $Category, [string] $Message, [hashtable] $Extra = @{}) {
            $record = Get-OneError { Get-AriBridge -Id $bridge.Id @Extra }
            $record.Exception | Should -BeOfType $Type
            $record.Exception.Message | Should -Match $Message
            $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $record.CategoryInfo.Category | Should -Be $Category
            $record.TargetObject | Should -Be $bridge.Id
            (Get-AriBridge -Id $bridge.Id).Id | Should -Be $bridge.Id
            $record
        }
    }
    AfterAll {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }
    AfterEach { Clear-AriEmulatorFault -Emulator $emulator }

    It '<StatusCode> with body <Body>: <Category> error <Id> with message "<Message>", then the next call works' -ForEach @(
        @{ StatusCode = 500; Body = 'Json'; Id = 'AriHttp500'; Category = 'ConnectionError'; Message = 'Injected fault' }
        @{ StatusCode = 503; Body = 'Json'; Id = 'AriHttp503'; Category = 'ConnectionError'; Message = 'Injected fault' }
        @{ StatusCode = 500; Body = 'None'; Id = 'AriHttp500'; Category = 'ConnectionError'; Message = '500 Internal Server Error' }
        @{ StatusCode = 503; Body = 'None'; Id = 'AriHttp503'; Category = 'ConnectionError'; Message = '503 Service Unavailable' }
        @{ StatusCode = 503; Body = 'Html'; Id = 'AriHttp503'; Category = 'ConnectionError'; Message = '503 Service Unavailable' }
        @{ StatusCode = 404; Body = 'Html'; Id = 'AriHttp404'; Category = 'ObjectNotFound'; Message = '404 Not Found' }
    ) {
        $fault = Add-AriEmulatorFault -Emulator $emulator -StatusCode $StatusCode -Body $Body -Method GET -Path 'bridges/*'
        $record = Assert-FaultThenRecovery ([PSAri.Client.AriException]) $Id $Category "^$([regex]::Escape($Message))$"
        $record.Exception.StatusCode | Should -Be $StatusCode
        $fault.Hits | Should -Be 1
    }

    It 'a success whose body is HTML, not JSON: InvalidData error AriUnreadableResponse, then the next call works' {
        $null = Add-AriEmulatorFault -Emulator $emulator -StatusCode 200 -Body Html -Path 'bridges/*'
        $null = Assert-FaultThenRecovery ([PSAri.Client.AriProtocolException]) AriUnreadableResponse InvalidData 'answered 200 with a body PSAri cannot read'
    }

    It 'an answer slower than -TimeoutSec: OperationTimeout error AriTimeout without waiting for it, then the next call works' {
        $null = Add-AriEmulatorFault -Emulator $emulator -DelaySec 3 -Path 'bridges/*'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $record = Assert-FaultThenRecovery ([PSAri.Client.AriException]) AriTimeout OperationTimeout `
            "did not answer GET .*bridges/$([regex]::Escape($bridge.Id)) within 0\.3 s" @{ TimeoutSec = 0.3 }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2.5   # did not wait for the 3 s answer
        $record.Exception.IsTimeout | Should -BeTrue
    }

    It 'the connection''s -TimeoutSec is the default and -TimeoutSec overrides it for one call' {
        $quick = Connect-Ari $emulator.BaseUri $credential -TimeoutSec 0.3
        try {
            $null = Add-AriEmulatorFault -Emulator $emulator -DelaySec 1 -Path 'bridges/*' -Count 2
            $record = Get-OneError { Get-AriBridge -Id $bridge.Id -Connection $quick }
            $record.FullyQualifiedErrorId | Should -BeLike 'AriTimeout,*'
            $record.Exception.Message | Should -Match 'within 0\.3 s'
            # The second delayed answer comes within a longer per-call limit.
            (Get-AriBridge -Id $bridge.Id -Connection $quick -TimeoutSec 10).Id | Should -Be $bridge.Id
        }
        finally { $quick | Disconnect-Ari }
    }

    It 'a connection closed in the middle of the body: ConnectionError error, then the next call works' {
        $null = Add-AriEmulatorFault -Emulator $emulator -CloseMidBody -Path 'bridges/*'
        $null = Assert-FaultThenRecovery ([PSAri.Client.AriException]) AriConnectionFailed ConnectionError `
            "^The connection to ARI broke during GET .*bridges/$([regex]::Escape($bridge.Id)):"
    }

    It 'a cut answer to an action without a body still breaks the call' {
        $null = Add-AriEmulatorFault -Emulator $emulator -CloseMidBody -Method POST -Path 'bridges/*/moh'
        $record = Get-OneError { Start-AriBridgeMusicOnHold -BridgeId $bridge.Id -Confirm:$false }
        $record.CategoryInfo.Category | Should -Be ConnectionError
        Stop-AriBridgeMusicOnHold -BridgeId $bridge.Id -Confirm:$false -ErrorAction Stop
    }

    It 'matches method and path, hits -Count requests, and -Count 0 lasts until Clear-AriEmulatorFault' {
        $post = Add-AriEmulatorFault -Emulator $emulator -StatusCode 503 -Method POST -Path '/ari/bridges*'
        (Get-AriBridge -Id $bridge.Id).Id | Should -Be $bridge.Id      # GET: not hit
        $post.Hits | Should -Be 0
        $twice = Add-AriEmulatorFault -Emulator $emulator -StatusCode 500 -Path 'BRIDGES/?*' -Count 2
        1..2 | ForEach-Object { (Get-OneError { Get-AriBridge -Id $bridge.Id }).Exception.StatusCode | Should -Be 500 }
        $twice.Hits | Should -Be 2
        $twice.IsActive | Should -BeFalse
        (Get-AriBridge -Id $bridge.Id).Id | Should -Be $bridge.Id
        (Get-AriAsteriskInfo).System | Should -Not -BeNullOrEmpty        # other paths: not hit

        $always = Add-AriEmulatorFault -Emulator $emulator -StatusCode 503 -Path 'asterisk/info' -Count 0
        1..3 | ForEach-Object { (Get-OneError { Get-AriAsteriskInfo }).Exception.StatusCode | Should -Be 503 }
        $always.IsActive | Should -BeTrue
        $emulator.Faults.Count | Should -Be 3
        Clear-AriEmulatorFault -Emulator $emulator
        $emulator.Faults.Count | Should -Be 0
        (Get-AriAsteriskInfo).System | Should -Not -BeNullOrEmpty
    }

    It 'shows the rules as a table that fits 80 columns' {
        $null = Add-AriEmulatorFault -Emulator $emulator -StatusCode 503 -Path 'channels/*'
        $null = Add-AriEmulatorFault -Emulator $emulator -StallEvents -App 'ivr*' -Count 0
        $lines = @(($emulator.Faults | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Kind\s+Match\s+Answer\s+Count\s+Hits$'
        $lines[2] | Should -Match '^Status\s+\* channels/\*\s+503 Json\s+1\s+0$'
        $lines[3] | Should -Match '^StallEvents\s+app ivr\*\s+all\s+0$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'refuses a status out of range before adding anything' {
        { Add-AriEmulatorFault -Emulator $emulator -StatusCode 100 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        $emulator.Faults.Count | Should -Be 0
    }
}

Describe 'Receive-AriEvent against stalled and dropped event sockets' {
    BeforeEach {
        $emulator = Start-AriEmulator -Port 0
        $connection = Connect-Ari $emulator.BaseUri $credential
    }
    AfterEach {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It 'an idle socket that answers pings is not a fault' {
        $bg = Start-Receiver '-App faults -PingTimeoutSec 1' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            Start-Sleep -Seconds 3      # a ping is due after 1 s of silence, its pong within 1 s more
            Get-Types $bg | Should -BeNullOrEmpty
            Send-AriUserEvent -EventName hello -Application faults
            Wait-Until { (Get-Types $bg) -contains 'ChannelUserevent' } -TimeoutSec 5
            Get-Types $bg | Should -Be @('ChannelUserevent')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'a stalled socket (open, silent, no pongs) is treated as a drop: ConnectionLost, ConnectionRestored, events flow again' {
        $bg = Start-Receiver '-App faults -PingTimeoutSec 0.5 -MaxReconnectDelay 0.3' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            $fault = Add-AriEmulatorFault -Emulator $emulator -StallEvents -App faults
            $fault.Hits | Should -Be 1
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $lost = @(Get-Output $bg | Where-Object Type -eq ConnectionLost)[0]
            $lost.Reason | Should -Match 'no answer to a ping within 0\.5 s'
            @($bg.PowerShell.Streams.Warning | ForEach-Object Message) -join "`n" | Should -Match 'dropped \(no answer to a ping'
            $connection.Reconnects | Should -Be 1
            Send-AriUserEvent -EventName after -Application faults
            Wait-Until { (Get-Types $bg) -contains 'ChannelUserevent' } -TimeoutSec 5
            Get-Types $bg | Should -Be @('ConnectionLost', 'ConnectionRestored', 'ChannelUserevent')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'with -NoReconnect a stall ends the stream with a ConnectionError naming the stall' {
        $bg = Start-Receiver '-App faults -PingTimeoutSec 0.5 -NoReconnect' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            $null = Add-AriEmulatorFault -Emulator $emulator -StallEvents
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 10
            $record = @($bg.PowerShell.Streams.Error)[0]
            $record.CategoryInfo.Category | Should -Be ConnectionError
            $record.Exception.Message | Should -Match 'broke: no answer to a ping within 0\.5 s'
            # The connection itself is fine: REST works and a new stream opens (the stalled socket gets replaced).
            (Get-AriAsteriskInfo -Connection $connection).System | Should -Not -BeNullOrEmpty
            @(Receive-AriEvent -Connection $connection -App faults -Timeout 0.3) | Should -BeNullOrEmpty
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'a dropped socket reconnects; -Count 1 hits only the first socket' {
        $bg = Start-Receiver '-App faults -MaxReconnectDelay 0.3' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            $fault = Add-AriEmulatorFault -Emulator $emulator -DropEvents -App 'fau*'
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $fault.Hits | Should -Be 1
            Send-AriUserEvent -EventName after -Application faults
            Wait-Until { (Get-Types $bg) -contains 'ChannelUserevent' } -TimeoutSec 5
            Get-Types $bg | Should -Be @('ConnectionLost', 'ConnectionRestored', 'ChannelUserevent')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'a socket fault waits for the next socket of its app; other apps are not hit' {
        $fault = Add-AriEmulatorFault -Emulator $emulator -DropEvents -App later
        $fault.Hits | Should -Be 0
        $other = Start-Receiver '-App other' $connection
        $bg = Start-Receiver '-App later -MaxReconnectDelay 0.3' $connection
        try {
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $fault.Hits | Should -Be 1
            Wait-Until { Test-AppListening $emulator other }
            Get-Types $other | Should -BeNullOrEmpty
        }
        finally {
            foreach ($b in $bg, $other) { $b.PowerShell.Stop(); $b.PowerShell.Dispose() }
        }
    }

    It 'a slow handshake: Receive-AriEvent -TimeoutSec ends with AriTimeout; the next stream opens' {
        $null = Add-AriEmulatorFault -Emulator $emulator -DelaySec 3 -Path events
        $failure = $null
        try { Receive-AriEvent -Connection $connection -App faults -TimeoutSec 0.3 -Timeout 5 }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTimeout,*'
        $failure.CategoryInfo.Category | Should -Be OperationTimeout
        $failure.Exception.Message | Should -Match 'did not open the event stream .* within 0\.3 s'
        @(Receive-AriEvent -Connection $connection -App faults -Timeout 0.3 -ErrorAction Stop) | Should -BeNullOrEmpty
    }

    It 'a handshake refused with 503 while reconnecting: later attempts succeed' {
        $bg = Start-Receiver '-App faults -MaxReconnectDelay 0.3' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            $refusals = Add-AriEmulatorFault -Emulator $emulator -StatusCode 503 -Body None -Path events -Count 2
            $everything = Add-AriEmulatorFault -Emulator $emulator -StatusCode 500 -Count 0 -Method GET -Path '*'
            $emulator.DropEventSockets()
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $refusals.Hits | Should -Be 2
            @(Get-Output $bg | Where-Object Type -eq ConnectionRestored)[0].Attempts | Should -Be 3
            $everything.Hits | Should -BeGreaterOrEqual 1    # the app list after the reconnect; a rule for all paths left the handshake alone
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'Clear-AriEmulatorFault lets a stalled socket go on with the events it held back' {
        $bg = Start-Receiver '-App faults -PingTimeoutSec 0' $connection
        try {
            Wait-Until { Test-AppListening $emulator faults }
            $null = Add-AriEmulatorFault -Emulator $emulator -StallEvents -App faults
            Send-AriUserEvent -EventName held -Application faults
            Start-Sleep -Milliseconds 500
            Get-Types $bg | Should -BeNullOrEmpty     # stalled: nothing arrives, and without pings nothing notices
            Clear-AriEmulatorFault -Emulator $emulator
            Wait-Until { (Get-Types $bg) -contains 'ChannelUserevent' } -TimeoutSec 5
            Get-Types $bg | Should -Be @('ChannelUserevent')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }
}
