BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe "The card's pipeline" {
    It 'plays hello-world to the channel that entered the app; PlaybackFinished and StasisEnd follow; Stop() ends it at once' {
        # The card's line, run in its own runspace as a user would run it, with a tap that records every event.
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ Uri = $emulator.BaseUri; Credential = $credential; Seen = $seen } -Script {
            param($Uri, $Credential, $Seen)
            $null = Connect-Ari -BaseUri $Uri -Credential $Credential
            Receive-AriEvent -App hello-world | ForEach-Object { $Seen.Enqueue($_); $_ } | Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world
        }
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { $bg.Output.Count -ge 1 }
            $playback = $bg.Output[0]
            $playback.PSObject.TypeNames | Should -Contain 'PSAri.Model.Playback'
            $playback.MediaUri | Should -Be 'sound:hello-world'
            $playback.TargetUri | Should -Be "channel:$($call.Id)"
            $playback.Connection | Should -Not -BeNullOrEmpty

            Wait-Until { @($seen | Where-Object Type -eq PlaybackFinished).Count -ge 1 } -TimeoutSec 5
            $finished = @($seen | Where-Object Type -eq PlaybackFinished)[0]
            $finished.Playback.Id | Should -Be $playback.Id
            $finished.Playback.State | Should -Be 'done'

            Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id
            Wait-Until { @($seen | Where-Object Type -eq StasisEnd).Count -ge 1 } -TimeoutSec 5
            $types = @($seen | ForEach-Object Type)
            $types[0..2] | Should -Be @('StasisStart', 'PlaybackStarted', 'PlaybackFinished')
            $types[-1] | Should -Be 'StasisEnd'
            @($seen)[-1].ChannelId | Should -Be $call.Id

            # Ctrl+C: Stop() returns promptly and the socket is closed (the app is no longer registered).
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $bg.PowerShell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            Wait-Until { -not (Test-AppListening $emulator hello-world) } -TimeoutSec 5
        }
        finally { $bg.PowerShell.Dispose() }
    }
}

Describe 'Receive-AriEvent' {
    BeforeAll {
        function Start-Receiver([string] $Arguments) {
            Start-Background -Parameters @{ C = $connection } -Script ([scriptblock]::Create("param(`$C) Receive-AriEvent -Connection `$C $Arguments"))
        }
    }

    It 'writes typed events carrying their connection, with timestamps as DateTimeOffset' {
        $bg = Start-Receiver '-App hello-world -Count 1'
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { $bg.Handle.IsCompleted }
            $start = $bg.Output[0]
            $start.GetType().FullName | Should -Be 'PSAri.Model.StasisStartEvent'
            $start.Type | Should -Be 'StasisStart'
            $start.Application | Should -Be 'hello-world'
            $start.Timestamp | Should -BeOfType [DateTimeOffset]
            $start.Channel.CreationTime | Should -BeOfType [DateTimeOffset]
            $start.Args.Count | Should -Be 0
            $start.ChannelId | Should -Be $call.Id
            $start.Channel.Dialplan.Exten | Should -Be '1000'
            $start.Connection | Should -Be $connection
            $start.Channel.Connection | Should -Be $connection
            $start.Json | Should -Match '"type":"StasisStart"'
        }
        finally { $bg.PowerShell.Dispose() }
        Remove-AriChannel -ChannelId $call.Id -ErrorAction SilentlyContinue
    }

    It '-Type filters what is written and -Count counts after the filter' {
        $bg = Start-Receiver '-App hello-world -Type PlaybackFinished, StasisEnd -Count 2'
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            $null = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world
            Wait-Until { $bg.Output.Count -ge 1 } -TimeoutSec 5
            Remove-AriChannel -ChannelId $call.Id
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 5
            @($bg.Output | ForEach-Object Type) | Should -Be @('PlaybackFinished', 'StasisEnd')
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It '-Type takes wildcards' {
        $bg = Start-Receiver '-App hello-world -Type Stasis* -Count 2'
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { $bg.Output.Count -ge 1 }
            Remove-AriChannel -ChannelId $call.Id
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 5
            @($bg.Output | ForEach-Object Type) | Should -Be @('StasisStart', 'StasisEnd')
        }
        finally { $bg.PowerShell.Dispose() }
    }

    It '-Timeout ends the stream quietly' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $events = Receive-AriEvent -App quiet-app -Timeout 0.5 -ErrorVariable errs
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.5
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $events | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'sends the credentials in a header, not in the URL' {
        $e2 = Start-AriEmulator -Port 0 -Credential (New-TestCredential)
        try {
            $c = Connect-Ari $e2.BaseUri (New-TestCredential)
            $null = Receive-AriEvent -App header-app -Timeout 0.2 -Connection $c -Verbose 4>&1 | Out-String | Should -Not -Match $TestPassword
            $c | Disconnect-Ari
        }
        finally { $e2 | Stop-AriEmulator }
    }

    It 'fails with an authentication error when the server no longer takes the password' {
        $first = Start-AriEmulator -Port 0 -Credential (New-TestCredential)
        $c = Connect-Ari $first.BaseUri (New-TestCredential)
        $port = $first.Port
        $first | Stop-AriEmulator
        $second = Start-AriEmulator -Port $port -Credential (New-TestCredential -Password 'second')
        try {
            $err = $null
            try { Receive-AriEvent -App x -Timeout 1 -Connection $c } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'AriHttp401,*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$err" | Should -Not -Match $TestPassword
        }
        finally { $second | Stop-AriEmulator; $c | Disconnect-Ari }
    }

    It 'rejects an application name with a comma' {
        { Receive-AriEvent -App 'a,b' -Timeout 0.1 } | Should -Throw -ErrorId 'AriInvalidApp,*'
    }
}

Describe 'Get-AriChannel' {
    BeforeAll {
        $bg = Start-Background -Parameters @{ C = $connection } -Script { param($C) Receive-AriEvent -Connection $C -App hello-world }
        Wait-Until { Test-AppListening $emulator hello-world }
        $one = New-AriEmulatorCall -Emulator $emulator -Extension 1000
        $two = New-AriEmulatorCall -Emulator $emulator -Extension 1000
    }
    AfterAll {
        $one, $two | ForEach-Object { Remove-AriChannel -ChannelId $_.Id -ErrorAction SilentlyContinue }
        $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
    }

    It 'lists every channel' {
        $ids = (Get-AriChannel).Id
        $ids | Should -Contain $one.Id
        $ids | Should -Contain $two.Id
    }

    It 'gets channels by id, from the pipeline too, stamped with the connection' {
        $got = $one.Id, $two.Id | Get-AriChannel
        $got.Id | Should -Be @($one.Id, $two.Id)
        $got[0].State | Should -Be 'Up'
        $got[0].Connection | Should -Be $connection
    }

    It 'binds a StasisStart event by its ChannelId' {
        $start = [PSAri.Model.StasisStartEvent]::new()
        $start.Channel = [PSAri.Model.Channel]::new()
        $start.Channel.Id = $one.Id
        ($start | Get-AriChannel).Id | Should -Be $one.Id
    }

    It 'writes a not-found error for an unknown id and goes on with the next' {
        $got = 'nosuch', $one.Id | Get-AriChannel -ErrorVariable errs -ErrorAction SilentlyContinue
        $got.Id | Should -Be $one.Id
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp404,*'
        $errs[0].TargetObject | Should -Be 'nosuch'
        $errs[0].Exception.Message | Should -Be 'Channel not found'
    }

    It 'refuses ids that cannot be a path segment without sending them' {
        $null = Get-AriChannel -Id '..' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriInvalidId,*'
    }

    It 'shows each HTTP call with -Verbose' {
        $verbose = Get-AriChannel -Id $one.Id -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match "GET http://127\.0\.0\.1:\d+/ari/channels/$([regex]::Escape($one.Id)) -> 200"
    }
}

Describe 'Invoke-AriChannelPlay' {
    BeforeAll {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script { param($C, $Seen) Receive-AriEvent -Connection $C -App hello-world | ForEach-Object { $Seen.Enqueue($_) } }
        Wait-Until { Test-AppListening $emulator hello-world }
        $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
    }
    AfterAll {
        Remove-AriChannel -ChannelId $call.Id -ErrorAction SilentlyContinue
        $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
    }

    It 'returns the playback at once without -Wait' {
        $p = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world
        $p.State | Should -BeIn 'queued', 'playing'
        $p.TargetUri | Should -Be "channel:$($call.Id)"
    }

    It '-Wait returns the finished playback, with the id given' {
        $id = 'pb-' + [guid]::NewGuid()
        $p = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world -PlaybackId $id -Wait -Timeout 10
        $p.Id | Should -Be $id
        $p.State | Should -Be 'done'
    }

    It '-Wait times out with a clear error for media Asterisk never finishes' {
        $p = Invoke-AriChannelPlay -ChannelId $call.Id -Media bogus:foo -Wait -Timeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue
        $p | Should -BeNullOrEmpty
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].Exception.Message | Should -Match 'never finishes playbacks of unsupported media'
    }

    It 'plays a list of media' {
        $p = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world, sound:hello-world
        $p.MediaUri | Should -Be 'sound:hello-world'
    }

    It 'refuses a media URI with a comma before sending' {
        { Invoke-AriChannelPlay -ChannelId $call.Id -Media 'tone:440+480/2000,0/4000' } | Should -Throw -ErrorId 'AriMediaHasComma,*'
    }

    It '-WhatIf sends nothing' {
        $before = $seen.Count
        $p = Invoke-AriChannelPlay -ChannelId $call.Id -Media sound:hello-world -PlaybackId whatif-pb -WhatIf
        $p | Should -BeNullOrEmpty
        Start-Sleep -Milliseconds 300
        @($seen | Where-Object { $_.PSObject.Properties['PlaybackId'] -and $_.PlaybackId -eq 'whatif-pb' }) | Should -BeNullOrEmpty
    }

    It 'writes an invalid-operation error (412) for a channel that is not answered yet' {
        $down = $emulator.PlaceUndialledChannel('hello-world')
        $null = Invoke-AriChannelPlay -ChannelId $down.Id -Media sound:beep -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp412,*'
        $errs[0].Exception.Message | Should -Be 'Channel in invalid state'
        Remove-AriChannel -ChannelId $down.Id
    }

    It 'writes a not-found error for an unknown channel' {
        $null = Invoke-AriChannelPlay -ChannelId nosuch -Media sound:hello-world -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuch'
    }
}
