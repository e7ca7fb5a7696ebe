BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    # TimeScale 20: a 2-second recording takes 100 ms.
    $emulator = Start-AriEmulator -Port 0 -TimeScale 20
    $connection = Connect-Ari $emulator.BaseUri $credential
    # The app's events, collected by a background Receive-AriEvent (also what -Wait needs).
    $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $receiver = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
        param($C, $Seen)
        Receive-AriEvent -Connection $C -App caprec | ForEach-Object { $Seen.Enqueue($_) }
    }
    Wait-Until { Test-AppListening $emulator caprec }

    function Get-Seen([string] $Type, [string] $Name) {
        @($seen | Where-Object { $_.Type -eq $Type -and (-not $Name -or $_.RecordingName -eq $Name) })
    }
    function New-Call { New-AriEmulatorCall -Emulator $emulator -Extension app-caprec }
    function Get-StoredNames { @(Get-AriStoredRecording | ForEach-Object Name) }
}

AfterAll {
    $receiver.PowerShell.Stop()
    $receiver.PowerShell.Dispose()
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Start-AriChannelRecording' {
    BeforeAll { $call = New-Call }

    It 'starts a recording (201, LiveRecording) and RecordingStarted follows; live controls change its state' {
        $live = $call | Start-AriChannelRecording -Name ctl1 -Format wav
        $live | Should -BeOfType PSAri.Model.LiveRecording
        $live.Name | Should -Be ctl1
        $live.Format | Should -Be wav
        $live.State | Should -BeIn queued, recording
        $live.TargetUri | Should -Be "channel:$($call.Id)"
        $live.Connection | Should -Be $connection
        Wait-Until { (Get-Seen RecordingStarted ctl1).Count -eq 1 }

        (Get-AriLiveRecording ctl1).State | Should -Be recording
        $paused = Suspend-AriLiveRecording ctl1 -PassThru
        $paused | Should -BeOfType PSAri.Model.LiveRecording
        $paused.State | Should -Be paused
        Suspend-AriLiveRecording ctl1 | Should -BeNullOrEmpty   # twice is fine
        (Resume-AriLiveRecording ctl1 -PassThru).State | Should -Be recording
        (Start-AriLiveRecordingMute ctl1 -PassThru).State | Should -Be recording   # mute keeps the state
        (Stop-AriLiveRecordingMute ctl1 -PassThru).State | Should -Be recording

        $stored = Stop-AriLiveRecording ctl1 -PassThru
        $stored | Should -BeOfType PSAri.Model.StoredRecording
        $stored.Name | Should -Be ctl1
        Wait-Until { (Get-Seen RecordingFinished ctl1).Count -eq 1 }
        (Get-Seen RecordingFinished ctl1)[0].Recording.State | Should -Be done

        Get-AriLiveRecording ctl1 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Recording not found'
        $err[0].TargetObject | Should -Be ctl1
    }

    It '-Wait returns the finished recording; maxDurationSeconds ends it; the file is stored as audio/wav' {
        $done = Start-AriChannelRecording -ChannelId $call.Id -Name wait1 -Format wav -MaxDurationSeconds 2 -Wait -Timeout 10
        $done | Should -BeOfType PSAri.Model.LiveRecording
        $done.State | Should -Be done
        $done.Duration | Should -Be 2
        (Get-AriStoredRecording wait1).Format | Should -Be wav
        $file = Save-AriStoredRecording wait1 -Path (Join-Path $TestDrive wait1.wav)
        $file | Should -BeOfType System.IO.FileInfo
        $file.Length | Should -Be (44 + 2 * 16000)
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($file.FullName), 0, 4) | Should -Be RIFF
    }

    It 'sends the options as query parameters and reports silence durations with -MaxSilenceSeconds' {
        $done = Start-AriChannelRecording $call.Id opts1 gsm -MaxDurationSeconds 1 -MaxSilenceSeconds 3 -Beep -TerminateOn '#' -IfExists overwrite -Wait -Timeout 10
        $done.Format | Should -Be gsm
        $done.Duration | Should -Be 1
        $done.TalkingDuration | Should -Be 1
        $done.SilenceDuration | Should -Be 0
        (Save-AriStoredRecording opts1 -Path $TestDrive).Name | Should -Be 'opts1.gsm'
    }

    It 'fails with 409 InvalidOperation for an existing name (ifExists fail), and appends with -IfExists append' {
        Start-AriChannelRecording $call.Id wait1 wav -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be InvalidOperation
        $err[0].Exception.Message | Should -Be "Recording 'wait1' already exists and can not be overwritten"
        $err[0].TargetObject | Should -Be $call.Id
        $done = Start-AriChannelRecording $call.Id wait1 wav -MaxDurationSeconds 2 -IfExists append -Wait -Timeout 10
        $done.Duration | Should -Be 4
        (Save-AriStoredRecording wait1 -Path (Join-Path $TestDrive w.wav)).Length | Should -Be (44 + 4 * 16000)
    }

    It 'fails with 422 InvalidData for an unknown format and 404 ObjectNotFound for an unknown channel' {
        Start-AriChannelRecording $call.Id bad1 nosuchformat -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be InvalidData
        $err[0].Exception.Message | Should -Be 'specified format is unknown on this system'
        Start-AriChannelRecording nosuch bad1 wav -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err2[0].Exception.Message | Should -Be 'Channel not found'
        $err2[0].TargetObject | Should -Be nosuch
    }

    It 'refuses invalid -IfExists and -TerminateOn values before sending' {
        { Start-AriChannelRecording $call.Id bad2 wav -IfExists bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.StartAriChannelRecordingCommand'
        { Start-AriChannelRecording $call.Id bad2 wav -TerminateOn 5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.StartAriChannelRecordingCommand'
        { Start-AriChannelRecording $call.Id bad2 wav -MaxDurationSeconds -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.StartAriChannelRecordingCommand'
        Get-AriLiveRecording bad2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '-WhatIf sends nothing' {
        Start-AriChannelRecording $call.Id whatif1 wav -WhatIf | Should -BeNullOrEmpty
        Get-AriLiveRecording whatif1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-StoredNames | Should -Not -Contain whatif1
    }

    It '-Wait without an event stream on the connection writes AriNoEventStream and records nothing' {
        $other = Connect-Ari $emulator.BaseUri $credential
        try {
            Start-AriChannelRecording $call.Id nostream wav -Wait -Connection $other -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AriNoEventStream*'
            $err[0].CategoryInfo.Category | Should -Be InvalidOperation
            Get-AriLiveRecording nostream -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally { $other | Disconnect-Ari }
    }

    It 'queues a second recording on the same channel; it starts when the first stops' {
        $first = Start-AriChannelRecording $call.Id q1 wav
        $second = Start-AriChannelRecording $call.Id q2 wav
        $second.State | Should -Be queued
        (Get-AriLiveRecording q2).State | Should -Be queued
        Suspend-AriLiveRecording q2 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be InvalidOperation
        $err[0].Exception.Message | Should -Be 'Recording not in session'
        Get-Seen RecordingStarted q2 | Should -BeNullOrEmpty
        $first | Stop-AriLiveRecording
        Wait-Until { (Get-Seen RecordingStarted q2).Count -eq 1 }
        (Get-AriLiveRecording q2).State | Should -Be recording
        # A RecordingStarted event binds its RecordingName from the pipeline.
        (Get-Seen RecordingStarted q2)[0] | Stop-AriLiveRecording
        Wait-Until { (Get-Seen RecordingFinished q2).Count -eq 1 }
        Get-StoredNames | Should -Contain q2
    }

    It 'keeps a name with a slash as one path segment' {
        $done = Start-AriChannelRecording $call.Id 'sub/rec5' gsm -MaxDurationSeconds 1 -Wait -Timeout 10
        $done.Name | Should -Be 'sub/rec5'
        (Get-AriStoredRecording 'sub/rec5').Name | Should -Be 'sub/rec5'
        (Save-AriStoredRecording 'sub/rec5' -Path $TestDrive).Name | Should -Be 'rec5.gsm'
        Remove-AriStoredRecording 'sub/rec5' -Confirm:$false
        Get-StoredNames | Should -Not -Contain 'sub/rec5'
    }

    It 'hanging up while recording: RecordingFinished before StasisEnd, the file is kept' {
        $other = New-Call
        $null = Start-AriChannelRecording $other.Id hang1 wav
        Wait-Until { (Get-Seen RecordingStarted hang1).Count -eq 1 }
        Stop-AriEmulatorCall -Emulator $emulator -ChannelId $other.Id
        Wait-Until { @($seen | Where-Object { $_.Type -eq 'StasisEnd' -and $_.ChannelId -eq $other.Id }).Count -eq 1 }
        $order = @($seen | Where-Object { $_.RecordingName -eq 'hang1' -or ($_.Type -eq 'StasisEnd' -and $_.ChannelId -eq $other.Id) } | ForEach-Object Type)
        $order | Should -Be @('RecordingStarted', 'RecordingFinished', 'StasisEnd')
        Get-StoredNames | Should -Contain hang1
    }

    It '-TerminateOn # ends the recording when the far end presses #' {
        $live = Start-AriChannelRecording $call.Id term1 wav -TerminateOn '#'
        Wait-Until { (Get-Seen RecordingStarted term1).Count -eq 1 }
        $emulator.SendFarEndDtmf($call.Id, '1')
        Wait-Until { @($seen | Where-Object { $_.Type -eq 'ChannelDtmfReceived' -and $_.Digit -eq '1' }).Count -ge 1 }
        (Get-AriLiveRecording term1).State | Should -Be recording
        $emulator.SendFarEndDtmf($call.Id, '#')
        Wait-Until { (Get-Seen RecordingFinished term1).Count -eq 1 }
        Get-StoredNames | Should -Contain term1
    }

    It 'a silent far end (Local/wait) ends after about 4 s with duration 0 whatever the maximum' {
        $emulator.AddExtension('wait', 'caprec')
        $silent = New-AriEmulatorCall -Emulator $emulator -Extension wait
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $done = Start-AriChannelRecording $silent.Id silent1 wav -MaxDurationSeconds 30 -Wait -Timeout 10
        $done.Duration | Should -Be 0
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 1.2   # 4 s / TimeScale 20 = 0.2 s
        (Save-AriStoredRecording silent1 -Path (Join-Path $TestDrive s.wav)).Length | Should -Be 44
    }
}

Describe 'The emulator on the wire' {
    BeforeAll { $call = New-Call }

    It 'answers record with 201 and a Location naming the recording percent-encoded, and the file as audio/wav' {
        $uri = [uri]::new($emulator.BaseUri, "ari/channels/$($call.Id)/record?name=wire%2Frec1&format=wav&maxDurationSeconds=1")
        $response = Invoke-WebRequest $uri -Method Post -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
        $response.StatusCode | Should -Be 201
        $response.Headers.Location | Should -Be '/ari/recordings/live/wire%2Frec1'
        $response.Content | Should -Match '^\{"name":"wire/rec1","format":"wav","state":"(queued|recording)","target_uri":"channel:'
        Wait-Until { (Get-Seen RecordingFinished 'wire/rec1').Count -eq 1 }
        $file = Invoke-WebRequest ([uri]::new($emulator.BaseUri, 'ari/recordings/stored/wire%2Frec1/file')) -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
        $file.Headers.'Content-Type' | Should -Be 'audio/wav'
        $file.RawContentLength | Should -Be (44 + 16000)
        # An unencoded slash is another path: Asterisk's 404 "Resource not found".
        $message = try {
            Invoke-RestMethod ([uri]::new($emulator.BaseUri, 'ari/recordings/stored/wire/rec1')) -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
            'no error'
        }
        catch { $_.ErrorDetails.Message }
        ($message | ConvertFrom-Json).message | Should -Be 'Resource not found'
    }
}

Describe 'Remove-AriLiveRecording' {
    BeforeAll { $call = New-Call }

    It 'cancels: RecordingFinished (done) and the file is discarded' {
        $null = Start-AriChannelRecording $call.Id cancel1 wav
        Remove-AriLiveRecording cancel1 | Should -BeNullOrEmpty
        Wait-Until { (Get-Seen RecordingFinished cancel1).Count -eq 1 }
        (Get-Seen RecordingFinished cancel1)[0].Recording.State | Should -Be done
        Get-AriStoredRecording cancel1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
    }

    It 'writes ObjectNotFound for an unknown recording; -WhatIf sends nothing' {
        Remove-AriLiveRecording nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].TargetObject | Should -Be nosuch
        $null = Start-AriChannelRecording $call.Id cancel2 wav
        Remove-AriLiveRecording cancel2 -WhatIf
        (Get-AriLiveRecording cancel2).State | Should -Be recording
        Remove-AriLiveRecording cancel2
    }
}

Describe 'Live recording controls on unknown recordings' {
    It '<Command> writes a 404 ObjectNotFound error naming the recording, and -WhatIf sends nothing' -ForEach @(
        @{ Command = 'Stop-AriLiveRecording' }, @{ Command = 'Suspend-AriLiveRecording' }, @{ Command = 'Resume-AriLiveRecording' },
        @{ Command = 'Start-AriLiveRecordingMute' }, @{ Command = 'Stop-AriLiveRecordingMute' }
    ) {
        & $Command -RecordingName nosuch -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Recording not found'
        $err[0].TargetObject | Should -Be nosuch
        & $Command -RecordingName nosuch -WhatIf -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2.Count | Should -Be 0
        (Get-Command $Command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be Medium
    }
}

Describe 'Stored recordings' {
    BeforeAll {
        $call = New-Call
        $null = Start-AriChannelRecording $call.Id store1 wav -MaxDurationSeconds 1 -Wait -Timeout 10
    }

    It 'Get-AriStoredRecording lists them (StoredRecording) and gets one by name or from the pipeline' {
        $all = @(Get-AriStoredRecording)
        $all.Count | Should -BeGreaterThan 0
        $all[0] | Should -BeOfType PSAri.Model.StoredRecording
        $all.Name | Should -Contain store1
        ('store1' | Get-AriStoredRecording).Format | Should -Be wav
        Get-AriStoredRecording nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Recording not found'
    }

    It 'Copy-AriStoredRecording copies (200, StoredRecording); a taken name is 409, an unknown source 404' {
        $copy = Get-AriStoredRecording store1 | Copy-AriStoredRecording -Destination store1copy
        $copy | Should -BeOfType PSAri.Model.StoredRecording
        $copy.Name | Should -Be store1copy
        Copy-AriStoredRecording store1 store1copy -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be InvalidOperation
        $err[0].Exception.Message | Should -Be 'A recording with the same name already exists on the system'
        Copy-AriStoredRecording nosuch x -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].CategoryInfo.Category | Should -Be ObjectNotFound
        Copy-AriStoredRecording store1 whatifcopy -WhatIf
        Get-StoredNames | Should -Not -Contain whatifcopy
    }

    It 'Save-AriStoredRecording writes the bytes; refuses to overwrite without -Force; 404 for an unknown one' {
        $path = Join-Path $TestDrive store1.wav
        (Save-AriStoredRecording store1 -Path $path).Length | Should -Be (44 + 16000)
        Save-AriStoredRecording store1 -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ResourceExists
        (Save-AriStoredRecording store1 -Path $path -Force).Length | Should -Be (44 + 16000)
        Save-AriStoredRecording nosuch -Path (Join-Path $TestDrive n.wav) -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].CategoryInfo.Category | Should -Be ObjectNotFound
        Test-Path (Join-Path $TestDrive n.wav) | Should -BeFalse
        Save-AriStoredRecording store1 -Path (Join-Path $TestDrive whatif.wav) -WhatIf
        Test-Path (Join-Path $TestDrive whatif.wav) | Should -BeFalse
    }

    It 'Remove-AriStoredRecording deletes (ConfirmImpact High); a second delete is 404; -WhatIf keeps it' {
        (Get-Command Remove-AriStoredRecording).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be High
        Remove-AriStoredRecording store1copy -WhatIf
        Get-StoredNames | Should -Contain store1copy
        Get-AriStoredRecording store1copy | Remove-AriStoredRecording -Confirm:$false
        Get-StoredNames | Should -Not -Contain store1copy
        Remove-AriStoredRecording store1copy -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].TargetObject | Should -Be store1copy
    }
}

Describe 'Start-AriBridgeRecording' {
    It 'sends POST /bridges/{id}/record: an unknown bridge is 404 ObjectNotFound' {
        Start-AriBridgeRecording -BridgeId nosuch -Name br1 -Format wav -RecorderFormat ulaw -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Bridge not found'
        $err[0].TargetObject | Should -Be nosuch
        $err[0].Exception.Request | Should -BeLike '*/ari/bridges/nosuch/record?recorder_format=ulaw&name=br1&format=wav'
    }

    It 'records a bridge: LiveRecording on bridge:ID, RecordingStarted, and the file once stopped' {
        $bridge = New-AriBridge -Type mixing
        $member = New-Call
        Add-AriBridgeChannel -BridgeId $bridge.Id -ChannelId $member.Id
        $live = Start-AriBridgeRecording -BridgeId $bridge.Id -Name brec1 -Format wav
        $live.TargetUri | Should -Be "bridge:$($bridge.Id)"
        Wait-Until { (Get-Seen RecordingStarted brec1).Count -eq 1 }
        Stop-AriLiveRecording brec1
        Wait-Until { (Get-Seen RecordingFinished brec1).Count -eq 1 }
        Get-StoredNames | Should -Contain brec1
        Remove-AriBridge -BridgeId $bridge.Id
    }

    It '-WhatIf sends nothing; ValidateSet refuses a bad -IfExists' {
        Start-AriBridgeRecording nosuch br1 wav -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 0
        { Start-AriBridgeRecording nosuch br1 wav -IfExists bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.StartAriBridgeRecordingCommand'
    }
}
