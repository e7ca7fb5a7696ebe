# Call operations of /channels: originate, create + dial, move, redirect, continue, snoop, external media,
# transfer progress, RTP statistics; against the emulator, checked with the transcripts' status codes and events.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential

    # A background Receive-AriEvent per app, each event recorded in a queue.
    function Start-Tap([string] $App) {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; App = $App; Seen = $seen } -Script {
            param($C, $App, $Seen)
            Receive-AriEvent -Connection $C -App $App | ForEach-Object { $Seen.Enqueue($_) }
        }
        Wait-Until { Test-AppListening $emulator $App }
        [pscustomobject]@{ Bg = $bg; Seen = $seen }
    }
    function Get-Seen($Tap, [string] $ChannelId) {
        @($Tap.Seen | Where-Object { -not $ChannelId -or $_.ChannelId -eq $ChannelId })
    }
    # Runs a command and splits what it wrote into output and its first (non-terminating) error.
    function Get-Error([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $all = @(& $Script 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Error  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
        }
    }

    $tap = Start-Tap cap
    $tap2 = Start-Tap cap2
}

AfterAll {
    $tap.Bg.PowerShell.Stop(); $tap.Bg.PowerShell.Dispose()
    $tap2.Bg.PowerShell.Stop(); $tap2.Bg.PowerShell.Dispose()
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'New-AriChannel' {
    It 'originates into an app: a Down Local ;1 channel, then the transcript''s events up to StasisStart with the args' {
        $ch = New-AriChannel -Endpoint Local/wait@default -App cap -AppArgs 'with space', 'quoted,comma'
        $ch | Should -BeOfType PSAri.Model.Channel
        $ch.State | Should -Be 'Down'
        $ch.Name | Should -Match '^Local/wait@default-[0-9a-f]{8};1$'
        $ch.Dialplan.AppName | Should -Be 'AppDial2'
        $ch.Connection | Should -Be $connection
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisStart) }
        # ~500 ms later the ;2 half moves on to Wait(120) in the dialplan: one more ChannelDialplan.
        $two = $ch.Name -replace ';1$', ';2'
        Wait-Until { @($tap.Seen | Where-Object { $_.Type -eq 'ChannelDialplan' -and $_.Channel.Name -eq $two -and $_.DialplanApp -eq 'Wait' }) } -TimeoutSec 5
        $events = @($tap.Seen | Where-Object { $_.ChannelId -eq $ch.Id -or $_.Channel.Name -eq $two })
        @($events.Type) | Should -Be @('Dial', 'ChannelDialplan', 'ChannelStateChange', 'ChannelStateChange', 'Dial', 'ChannelVarset', 'StasisStart', 'ChannelDialplan')
        $events[7].DialplanAppData | Should -Be '120'
        $events[0].DialStatus | Should -Be ''
        $events[1].Channel.Name | Should -BeLike '*;2'
        $events[4].DialStatus | Should -Be 'ANSWER'
        $events[5].Variable | Should -Be 'STASISSTATUS'
        $start = $events[6]
        $start.Args | Should -Be @('with space', 'quoted,comma')
        $start.Channel.State | Should -Be 'Up'
        $start.Channel.Dialplan.AppData | Should -Be 'cap,with space,"quoted,comma"'
        Remove-AriChannel $ch.Id
    }

    It 'originateWithId: -ChannelId names ;1 and the ;2 half gets id;2; a used id is a 409' {
        $ch = New-AriChannel Local/wait@default -App cap -ChannelId capcall-withid
        $ch.Id | Should -Be 'capcall-withid'
        (Get-AriChannel -ChannelId 'capcall-withid;2').Name | Should -BeLike 'Local/wait@default-*;2'
        $r = Get-Error { New-AriChannel Local/wait@default -App cap -ChannelId capcall-withid }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Error.Exception.Message | Should -Be 'Channel with given unique ID already exists'
        $r.Error.TargetObject | Should -Be 'capcall-withid'
        Remove-AriChannel capcall-withid
    }

    It 'sends -Variable as a JSON body: the ;2 half reports them with ChannelVarset, CALLERID(name) sets the caller' {
        $ch = New-AriChannel Local/wait@default -App cap -Variable @{ MYVAR = 'one'; 'CALLERID(name)' = 'Alice' } -OtherChannelId capcall-other
        $ch.Caller.Name | Should -Be 'Alice'
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisStart) }
        $set = @(Get-Seen $tap capcall-other | Where-Object Type -eq ChannelVarset)
        $set.Count | Should -Be 1
        $set[0].Variable | Should -Be 'MYVAR'
        $set[0].Value | Should -Be 'one'
        Remove-AriChannel $ch.Id
    }

    It 'the emulator takes a JSON body with report_events variables: channelvars in the later events, not in the answer' {
        $body = '{"endpoint":"Local/wait@default","app":"cap","appArgs":"a,,b","variables":{"REPORTED":{"value":"r1","report_events":true},"PLAIN":"p"}}'
        $raw = Invoke-RestMethod -Method Post ([uri]::new($emulator.BaseUri, 'ari/channels')) -Body $body -ContentType application/json -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
        $raw.PSObject.Properties.Name | Should -Not -Contain 'channelvars'
        Wait-Until { (Get-Seen $tap $raw.id | Where-Object Type -eq StasisStart) }
        $start = Get-Seen $tap $raw.id | Where-Object Type -eq StasisStart
        $start.Channel.ChannelVars['REPORTED'] | Should -Be 'r1'
        $start.Channel.ChannelVars.ContainsKey('PLAIN') | Should -BeFalse
        $start.Args | Should -Be @('a', '', 'b')
        Remove-AriChannel $raw.id
    }

    It 'parses -CallerId into caller and connected line' {
        $ch = New-AriChannel Local/wait@default -App cap -CallerId '"Bob" <200>'
        $ch.Caller.Name | Should -Be 'Bob'
        $ch.Caller.Number | Should -Be '200'
        $ch.Connected.Number | Should -Be '200'
        Remove-AriChannel $ch.Id
    }

    It 'originates into the dialplan with -Extension: no StasisStart, the channel waits in the dialplan' {
        $before = $tap.Seen.Count
        $ch = New-AriChannel Local/wait@default -Extension wait -Context default -Priority 1
        $ch.State | Should -Be 'Down'
        $now = Get-AriChannel -ChannelId $ch.Id
        $now.State | Should -Be 'Up'
        $now.Dialplan.AppName | Should -Be 'Wait'
        Start-Sleep -Milliseconds 100
        @($tap.Seen)[$before..($tap.Seen.Count)] | Where-Object ChannelId -eq $ch.Id | Should -BeNullOrEmpty
        Remove-AriChannel $ch.Id
        { Get-AriChannel -ChannelId $ch.Id -ErrorAction Stop } | Should -Throw
    }

    It 'an app nobody listens to: 200 with the channel, which is gone at once' {
        $ch = New-AriChannel Local/wait@default -App capnobody
        $ch.Id | Should -Not -BeNullOrEmpty
        $r = Get-Error { Get-AriChannel -ChannelId $ch.Id }
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses neither -App nor -Extension before sending anything' {
        $count = @(Get-AriChannel).Count
        $err = $null
        try { New-AriChannel Local/wait@default } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AriOriginateNoTarget,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-AriChannel).Count | Should -Be $count
    }

    It 'refuses an -AppArgs item with a double quote and a -Formats item with a comma' {
        { New-AriChannel Local/wait@default -App cap -AppArgs 'a"b' } | Should -Throw -ErrorId 'AriAppArgHasQuote,*'
        { New-AriChannel Local/wait@default -App cap -Formats 'ulaw,alaw' } | Should -Throw -ErrorId 'AriListItemHasComma,*'
    }

    It 'reports Asterisk''s originate errors: <Endpoint> -> <Category> "<Message>"' -ForEach @(
        @{ Endpoint = 'Bogus/123'; Category = 'ConnectionError'; Message = 'Allocation failed' }
        @{ Endpoint = 'PJSIP/nosuch'; Category = 'ConnectionError'; Message = 'Allocation failed' }
        @{ Endpoint = 'nosuchformat'; Category = 'InvalidArgument'; Message = 'Invalid endpoint specified' }
    ) {
        $r = Get-Error { New-AriChannel $Endpoint -App cap }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be $Category
        $r.Error.Exception.Message | Should -Be $Message
        $r.Error.TargetObject | Should -Be $Endpoint
    }

    It '-WhatIf sends nothing' {
        $count = @(Get-AriChannel).Count
        New-AriChannel Local/wait@default -App cap -WhatIf | Should -BeNullOrEmpty
        @(Get-AriChannel).Count | Should -Be $count
    }

    It 'hangs an originated channel up with the Local teardown sequence (reason busy -> cause 17)' {
        $ch = New-AriChannel Local/wait@default -App cap -ChannelId capcall-hangup
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisStart) }
        $before = $tap.Seen.Count
        Remove-AriChannel $ch.Id -Reason busy
        Wait-Until { @(Get-Seen $tap 'capcall-hangup;2' | Where-Object Type -eq ChannelDestroyed).Count -eq 1 }
        $after = @($tap.Seen)[$before..($tap.Seen.Count - 1)] | Where-Object { $_.ChannelId -like 'capcall-hangup*' }
        @($after.Type) | Should -Be @('ChannelHangupRequest', 'StasisEnd', 'ChannelVarset', 'ChannelHangupRequest', 'ChannelDestroyed', 'ChannelHangupRequest', 'ChannelDestroyed')
        $after[0].Cause | Should -Be 32
        $after[0].Soft | Should -BeTrue
        $after[2].Value | Should -Be 'SUCCESS'
        $after[3].Cause | Should -Be 17
        $after[4].CauseText | Should -Be 'User busy'
        $after[5].Cause | Should -Be 16
        $after[6].ChannelId | Should -Be 'capcall-hangup;2'
    }
}

Describe 'New-AriChannel -NoDial and Invoke-AriChannelDial' {
    It 'creates a Down channel in the app, dials it (Up) and refuses a second dial with 409' {
        $ch = New-AriChannel Local/wait@default -App cap -NoDial -AppArgs created -ChannelId capcall-created
        $ch.State | Should -Be 'Down'
        Wait-Until { (Get-Seen $tap capcall-created | Where-Object Type -eq StasisStart) }
        $start = Get-Seen $tap capcall-created | Where-Object Type -eq StasisStart
        $start.Channel.State | Should -Be 'Down'
        $start.Args | Should -Be @('created')

        $up = Invoke-AriChannelDial capcall-created -Timeout 10 -PassThru
        $up | Should -BeOfType PSAri.Model.Channel
        $up.State | Should -Be 'Up'
        Wait-Until { @($tap.Seen | Where-Object { $_.Type -eq 'Dial' -and $_.Peer.Id -eq 'capcall-created' -and $_.DialStatus -eq 'ANSWER' }).Count -eq 1 }

        $r = Get-Error { Invoke-AriChannelDial capcall-created }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Error.Exception.Message | Should -Be "Channel is not in the 'Down' state"
        $r.Error.TargetObject | Should -Be 'capcall-created'
        Remove-AriChannel capcall-created
    }

    It '-NoDial needs -App' {
        { New-AriChannel Local/wait@default -NoDial } | Should -Throw
    }

    It 'dial of an unknown channel is ObjectNotFound; -WhatIf sends nothing' {
        $r = Get-Error { Invoke-AriChannelDial nosuch-channel }
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Error.TargetObject | Should -Be 'nosuch-channel'
        $ch = New-AriChannel Local/wait@default -App cap -NoDial
        Invoke-AriChannelDial $ch.Id -WhatIf
        (Get-AriChannel -ChannelId $ch.Id).State | Should -Be 'Down'
        Remove-AriChannel $ch.Id
    }
}

Describe 'Move-AriChannel' {
    It 'moves a channel to another app (StasisStart there with the args, StasisEnd here) from the pipeline' {
        $ch = New-AriChannel Local/wait@default -App cap
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisStart) }
        $moved = $ch | Move-AriChannel -App cap2 -AppArgs moved, 1 -PassThru
        $moved.Id | Should -Be $ch.Id
        $moved | Should -BeOfType PSAri.Model.Channel
        Wait-Until { (Get-Seen $tap2 $ch.Id | Where-Object Type -eq StasisStart) }
        (Get-Seen $tap2 $ch.Id | Where-Object Type -eq StasisStart).Args | Should -Be @('moved', '1')
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisEnd) }
        Remove-AriChannel $ch.Id
    }

    It 'an app nobody registered: no error, ApplicationMoveFailed, the channel stays' {
        $ch = New-AriChannel Local/wait@default -App cap
        Move-AriChannel $ch.Id -App capnobody
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq ApplicationMoveFailed) }
        (Get-Seen $tap $ch.Id | Where-Object Type -eq ApplicationMoveFailed).Destination | Should -Be 'capnobody'
        (Get-AriChannel -ChannelId $ch.Id).Dialplan.AppData | Should -Be 'cap'
        Remove-AriChannel $ch.Id
    }

    It 'makes -App mandatory in its set: a move without app crashes Asterisk 22.10.1' {
        (Get-Command Move-AriChannel).Parameters['App'].ParameterSets['App'].IsMandatory | Should -BeTrue
    }

    It 'redirects within the technology (204) and refuses another one with 422 InvalidData' {
        $ch = New-AriChannel Local/wait@default -App cap
        Move-AriChannel $ch.Id -Endpoint Local/1000@default -PassThru | ForEach-Object Id | Should -Be $ch.Id
        $r = Get-Error { Move-AriChannel $ch.Id -Endpoint PJSIP/foo }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Error.Exception.Message | Should -Be "Endpoint technology 'PJSIP' does not match channel technology 'Local'"
        Remove-AriChannel $ch.Id
    }

    It 'unknown channel: ObjectNotFound with the id as target; -WhatIf sends nothing' {
        $r = Get-Error { Move-AriChannel nosuch-channel -App cap2 }
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Error.TargetObject | Should -Be 'nosuch-channel'
        $ch = New-AriChannel Local/wait@default -App cap
        Move-AriChannel $ch.Id -App cap2 -WhatIf
        Start-Sleep -Milliseconds 100
        Get-Seen $tap2 $ch.Id | Should -BeNullOrEmpty
        Remove-AriChannel $ch.Id
    }
}

Describe 'Resume-AriChannel' {
    It 'continues in the dialplan: StasisEnd, then the channel runs Wait; then it is no longer in Stasis (409)' {
        $ch = New-AriChannel Local/wait@default -App cap
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisStart) }
        $after = $ch | Resume-AriChannel -Context default -Extension wait -Priority 1 -PassThru
        $after.Dialplan.AppName | Should -Be 'Wait'
        $after.Dialplan.Priority | Should -Be 2
        Wait-Until { (Get-Seen $tap $ch.Id | Where-Object Type -eq StasisEnd) }
        $r = Get-Error { Resume-AriChannel $ch.Id }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Error.Exception.Message | Should -Be 'Channel not in Stasis application'
        Remove-AriChannel $ch.Id
    }

    It 'a context that does not exist: the channel is hung up' {
        $ch = New-AriChannel Local/wait@default -App cap
        Resume-AriChannel $ch.Id -Context nosuchcontext -Extension s -Priority 1
        Wait-Until { -not (Get-AriChannel -ChannelId $ch.Id -ErrorAction SilentlyContinue) }
    }

    It 'a created channel still Down: 412; an unknown channel: 404; -WhatIf sends nothing' {
        $ch = New-AriChannel Local/wait@default -App cap -NoDial
        $r = Get-Error { Resume-AriChannel $ch.Id }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Error.Exception.Message | Should -Be 'Channel in invalid state'
        (Get-Error { Resume-AriChannel nosuch-channel }).Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Invoke-AriChannelDial $ch.Id
        Resume-AriChannel $ch.Id -WhatIf
        (Get-AriChannel -ChannelId $ch.Id).Dialplan.AppName | Should -Be 'Stasis'
        Remove-AriChannel $ch.Id
    }
}

Describe 'New-AriChannelSnoop' {
    It 'starts a Snoop channel that enters the app with the args; -SnoopId names it' {
        $ch = New-AriChannel Local/wait@default -App cap
        $snoop = $ch | New-AriChannelSnoop -App cap -Spy both -AppArgs snooping
        $snoop | Should -BeOfType PSAri.Model.Channel
        $snoop.Name | Should -Match "^Snoop/$([regex]::Escape($ch.Id))-[0-9a-f]{8}$"
        $snoop.State | Should -Be 'Up'
        Wait-Until { (Get-Seen $tap $snoop.Id | Where-Object Type -eq StasisStart) }
        (Get-Seen $tap $snoop.Id | Where-Object Type -eq StasisStart).Args | Should -Be @('snooping')
        $named = New-AriChannelSnoop $ch.Id cap -Spy in -SnoopId capcall-snoop
        $named.Id | Should -Be 'capcall-snoop'
        Remove-AriChannel $snoop.Id
        Remove-AriChannel capcall-snoop
        Wait-Until { (Get-Seen $tap capcall-snoop | Where-Object Type -eq StasisEnd) }
        Remove-AriChannel $ch.Id
    }

    It 'refuses a snoop that neither spies nor whispers before sending; unknown channel is ObjectNotFound' {
        { New-AriChannelSnoop some-id -App cap } | Should -Throw -ErrorId 'AriSnoopNoDirection,*'
        { New-AriChannelSnoop some-id -App cap -Spy sideways } | Should -Throw
        $r = Get-Error { New-AriChannelSnoop nosuch-channel -App cap -Whisper out }
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Error.TargetObject | Should -Be 'nosuch-channel'
    }

    It '-WhatIf sends nothing' {
        $ch = New-AriChannel Local/wait@default -App cap
        $count = @(Get-AriChannel).Count
        New-AriChannelSnoop $ch.Id -App cap -Spy both -WhatIf | Should -BeNullOrEmpty
        @(Get-AriChannel).Count | Should -Be $count
        Remove-AriChannel $ch.Id
    }
}

Describe 'New-AriExternalMediaChannel and Get-AriChannelRtpStatistic' {
    It 'creates a UnicastRTP channel in the app whose RTP statistics can be read' {
        $ext = New-AriExternalMediaChannel -App cap -ExternalHost 127.0.0.1:4000 -Format ulaw -ChannelId capcall-ext
        $ext | Should -BeOfType PSAri.Model.Channel
        $ext.Name | Should -BeLike 'UnicastRTP/127.0.0.1:4000-*'
        $ext.ChannelVars['UNICASTRTP_LOCAL_ADDRESS'] | Should -Be '127.0.0.1'
        Wait-Until { (Get-Seen $tap capcall-ext | Where-Object Type -eq StasisStart) }
        $stat = $ext | Get-AriChannelRtpStatistic
        $stat | Should -BeOfType PSAri.Model.RtpStat
        $stat.ChannelId | Should -Be 'capcall-ext'
        Remove-AriChannel capcall-ext
    }

    It 'RTP statistics of a Local channel: 403 PermissionDenied "Unsupported channel type"; unknown: ObjectNotFound' {
        $ch = New-AriChannel Local/wait@default -App cap
        $r = Get-Error { Get-AriChannelRtpStatistic $ch.Id }
        $r.Error.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $r.Error.Exception.Message | Should -Be 'Unsupported channel type'
        $r.Error.TargetObject | Should -Be $ch.Id
        (Get-Error { Get-AriChannelRtpStatistic nosuch-channel }).Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Remove-AriChannel $ch.Id
    }

    It 'external media: a missing host is refused before sending; a used id is a 409; -WhatIf sends nothing' {
        { New-AriExternalMediaChannel -App cap -Format ulaw } | Should -Throw -ErrorId 'AriExternalHostMissing,*'
        $ch = New-AriChannel Local/wait@default -App cap
        $r = Get-Error { New-AriExternalMediaChannel -App cap -ExternalHost 127.0.0.1:4000 -Format ulaw -ChannelId $ch.Id }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $count = @(Get-AriChannel).Count
        New-AriExternalMediaChannel -App cap -ExternalHost 127.0.0.1:4000 -Format ulaw -WhatIf | Should -BeNullOrEmpty
        @(Get-AriChannel).Count | Should -Be $count
        Remove-AriChannel $ch.Id
    }
}

Describe 'Send-AriChannelTransferProgress' {
    It 'reports progress on a channel in Stasis; -PassThru writes the channel' {
        $ch = New-AriChannel Local/wait@default -App cap
        Send-AriChannelTransferProgress $ch.Id -States channel_progress | Should -BeNullOrEmpty
        ($ch | Send-AriChannelTransferProgress -States channel_answered -PassThru).Id | Should -Be $ch.Id
        $r = Get-Error { Send-AriChannelTransferProgress $ch.Id -States bogus }
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Remove-AriChannel $ch.Id
    }

    It 'unknown channel: ObjectNotFound; -WhatIf sends nothing' {
        $r = Get-Error { Send-AriChannelTransferProgress nosuch-channel -States channel_progress }
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Error.TargetObject | Should -Be 'nosuch-channel'
        Send-AriChannelTransferProgress nosuch-channel -States channel_progress -WhatIf -ErrorVariable e
        $e | Should -BeNullOrEmpty
    }
}

# Last: it connects to a second emulator, which makes that connection the default one.
Describe 'The emulator and a move without app' {
    It 'the emulator crashes like Asterisk on a raw move without app' {
        $e2 = Start-AriEmulator -Port 0
        try {
            $c2 = Connect-Ari $e2.BaseUri $credential
            $bg = Start-Background -Parameters @{ C = $c2 } -Script { param($C) Receive-AriEvent -Connection $C -App crashapp }
            Wait-Until { Test-AppListening $e2 crashapp }
            $ch = New-AriChannel Local/wait@default -App crashapp -Connection $c2
            $answer = $null
            try { $answer = Invoke-RestMethod -Method Post ([uri]::new($e2.BaseUri, "ari/channels/$($ch.Id)/move")) -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -DisableKeepAlive } catch { }
            $answer | Should -BeNullOrEmpty
            Wait-Until { -not $e2.IsRunning }
            $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
            $c2 | Disconnect-Ari
        }
        finally { $e2 | Stop-AriEmulator }
    }

}
