BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential
    # Every event of the app "brtest" (the emulator's extension app-brtest enters Stasis(brtest,...)), on this connection.
    $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $receiver = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
        param($C, $Seen)
        Receive-AriEvent -Connection $C -App brtest | ForEach-Object { $Seen.Enqueue($_) }
    }
    Wait-Until { Test-AppListening $emulator brtest }

    function New-Call { New-AriEmulatorCall -Emulator $emulator -Extension app-brtest }
    # Events seen since a mark, optionally of one type.
    function Get-Seen([int] $From = 0, [string] $Type) {
        @($seen.ToArray() | Select-Object -Skip $From | Where-Object { -not $Type -or $_.Type -eq $Type })
    }
    # Runs a command that should write non-terminating errors: its output and its ErrorRecords apart.
    function Invoke-Failing([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $all = @(& $Script 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    $receiver.PowerShell.Stop()
    $receiver.PowerShell.Dispose()
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'New-AriBridge, Get-AriBridge, Remove-AriBridge' {
    It 'creates a mixing bridge with an id and a comma-joined type list; no BridgeCreated' {
        $mark = $seen.Count
        $bridge = New-AriBridge -Type mixing, dtmf_events -BridgeId br-one -Name one
        $bridge | Should -BeOfType PSAri.Model.Bridge
        $bridge.Id | Should -Be 'br-one'
        $bridge.Name | Should -Be 'one'
        $bridge.BridgeType | Should -Be 'mixing'
        $bridge.Technology | Should -Be 'simple_bridge'
        $bridge.Connection | Should -Be $connection
        Start-Sleep -Milliseconds 200
        Get-Seen $mark BridgeCreated | Should -HaveCount 0
        (Get-AriBridge -Id br-one).Name | Should -Be 'one'
        @(Get-AriBridge).Id | Should -Contain 'br-one'
        Remove-AriBridge -BridgeId br-one
    }

    It 'creates a holding bridge with a made-up id and variables' {
        $bridge = New-AriBridge -Type holding -Variable @{ TOPIC = 'sales' }
        $bridge.BridgeType | Should -Be 'holding'
        $bridge.Technology | Should -Be 'holding_bridge'
        $bridge.Id | Should -Match '^[0-9a-f-]{36}$'
        (Get-AriBridgeVariable -BridgeId $bridge.Id -Name TOPIC).Value | Should -Be 'sales'
        $bridge | Remove-AriBridge
    }

    It 'refuses an unknown type before sending; an existing id is InvalidOperation (409)' {
        { New-AriBridge -Type bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        $null = New-AriBridge -BridgeId br-dup
        $r = Invoke-Failing { New-AriBridge -BridgeId br-dup }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Errors[0].Exception.Message | Should -Be "Bridge with id 'br-dup' already exists"
        Remove-AriBridge br-dup
    }

    It 'writes ObjectNotFound with the id as target for unknown bridges, and goes on' {
        $bridge = New-AriBridge
        $r = Invoke-Failing { 'nosuch', $bridge.Id | Get-AriBridge }
        @($r.Output).Id | Should -Be @($bridge.Id)
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be 'nosuch'
        $r.Errors[0].Exception.Message | Should -Be 'Bridge not found'
        $r = Invoke-Failing { Remove-AriBridge -BridgeId nosuch }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Remove-AriBridge $bridge.Id
    }

    It '-WhatIf sends nothing' {
        New-AriBridge -BridgeId br-whatif -WhatIf
        (Invoke-Failing { Get-AriBridge -Id br-whatif }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $bridge = New-AriBridge -BridgeId br-keep
        Remove-AriBridge br-keep -WhatIf
        (Get-AriBridge br-keep).Id | Should -Be 'br-keep'
        Remove-AriBridge br-keep
    }
}

Describe 'Add-AriBridgeChannel and Remove-AriBridgeChannel' {
    BeforeAll {
        $a = New-Call
        $b = New-Call
        $c = New-Call
    }
    AfterAll {
        $a, $b, $c | ForEach-Object { Stop-AriEmulatorCall -Emulator $emulator -ChannelId $_.Id }
    }

    It 'adds two channels in one request: two ChannelEnteredBridge, simple_bridge, then softmix with a third' {
        $bridge = New-AriBridge -BridgeId br-mix
        $mark = $seen.Count
        $result = Add-AriBridgeChannel -BridgeId br-mix -ChannelId $a.Id, $b.Id -PassThru
        $result | Should -BeOfType PSAri.Model.Bridge
        $result.ChannelIds | Sort-Object | Should -Be (@($a.Id, $b.Id) | Sort-Object)
        $result.Technology | Should -Be 'simple_bridge'
        Wait-Until { (Get-Seen $mark ChannelEnteredBridge).Count -ge 2 }
        $entered = Get-Seen $mark ChannelEnteredBridge
        $entered[0].ChannelId | Should -Be $a.Id
        $entered[0].BridgeId | Should -Be 'br-mix'
        $entered[1].ChannelId | Should -Be $b.Id
        # BRIDGEPEER names the other channel
        Wait-Until { (Get-Seen $mark ChannelVarset).Count -ge 2 }
        (Get-Seen $mark ChannelVarset | Where-Object ChannelId -eq $a.Id)[0].Value | Should -Be $b.Name
        # a piped channel binds by property name (Id)
        (Get-AriChannel -Id $c.Id | Add-AriBridgeChannel -BridgeId br-mix -PassThru).Technology | Should -Be 'softmix'
    }

    It 're-adding a channel already in the bridge: it leaves and enters again; BRIDGEPEER lists the others in join order' {
        $mark = $seen.Count
        Add-AriBridgeChannel br-mix $a.Id
        Wait-Until { (Get-Seen $mark ChannelEnteredBridge).Count -ge 1 }
        (Get-Seen $mark | Where-Object Type -in ChannelLeftBridge, ChannelEnteredBridge).Type | Should -Be @('ChannelLeftBridge', 'ChannelEnteredBridge')
        Wait-Until { @(Get-Seen $mark ChannelVarset | Where-Object { $_.ChannelId -eq $a.Id -and $_.Value }).Count -ge 1 }
        @(Get-Seen $mark ChannelVarset | Where-Object { $_.ChannelId -eq $a.Id -and $_.Value })[-1].Value | Should -Be "$($b.Name),$($c.Name)"
        (Get-AriBridge br-mix).ChannelIds | Should -HaveCount 3
    }

    It 'moves a channel from another bridge: ChannelLeftBridge then ChannelEnteredBridge' {
        $other = New-AriBridge -BridgeId br-other
        $mark = $seen.Count
        Add-AriBridgeChannel br-other $c.Id
        Wait-Until { (Get-Seen $mark ChannelEnteredBridge).Count -ge 1 }
        $moves = Get-Seen $mark | Where-Object Type -in ChannelLeftBridge, ChannelEnteredBridge
        $moves[0].Type | Should -Be 'ChannelLeftBridge'
        $moves[0].BridgeId | Should -Be 'br-mix'
        $moves[1].BridgeId | Should -Be 'br-other'
        (Get-AriBridge br-mix).Technology | Should -Be 'simple_bridge'
    }

    It 'reports Asterisk''s errors: unknown bridge 404, unknown channel 400, channel not in the bridge 422' {
        (Invoke-Failing { Add-AriBridgeChannel -BridgeId nosuch -ChannelId $a.Id }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r = Invoke-Failing { Add-AriBridgeChannel -BridgeId br-mix -ChannelId nosuchchannel }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Errors[0].Exception.Message | Should -Be 'Channel not found'
        $r.Errors[0].TargetObject | Should -Be 'br-mix'
        $r = Invoke-Failing { Remove-AriBridgeChannel -BridgeId br-mix -ChannelId $c.Id }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].Exception.Message | Should -Be 'Channel not in this bridge'
    }

    It 'refuses channel ids with a comma before sending, per pipeline item' {
        $mark = $seen.Count
        $r = Invoke-Failing { "$($a.Id),$($b.Id)" | Add-AriBridgeChannel -BridgeId br-other }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AriChannelIdHasComma,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Start-Sleep -Milliseconds 200
        Get-Seen $mark ChannelLeftBridge | Should -HaveCount 0
        $r = Invoke-Failing { Remove-AriBridgeChannel -BridgeId br-other -ChannelId 'x,y' }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AriChannelIdHasComma,*'
    }

    It 'removes a channel (ChannelLeftBridge; -WhatIf sends nothing); the channel stays in the app' {
        Remove-AriBridgeChannel -BridgeId br-mix -ChannelId $a.Id -WhatIf
        (Get-AriBridge br-mix).ChannelIds | Should -Contain $a.Id
        $mark = $seen.Count
        $after = Remove-AriBridgeChannel -BridgeId br-mix -ChannelId $a.Id -PassThru
        $after.ChannelIds | Should -Be @($b.Id)
        Wait-Until { (Get-Seen $mark ChannelLeftBridge).Count -ge 1 }
        (Get-Seen $mark ChannelLeftBridge)[0].ChannelId | Should -Be $a.Id
        (Get-AriChannel $a.Id).Id | Should -Be $a.Id
    }

    It 'destroying a bridge with a channel inside: ChannelLeftBridge; the channel survives' {
        $mark = $seen.Count
        Remove-AriBridge br-mix
        Wait-Until { (Get-Seen $mark ChannelLeftBridge).Count -ge 1 }
        (Get-Seen $mark ChannelLeftBridge)[0].ChannelId | Should -Be $b.Id
        (Get-AriChannel $b.Id).Id | Should -Be $b.Id
        Remove-AriBridge br-other
    }

    It 'a bridged channel that hangs up leaves the bridge before StasisEnd; the holding bridge reports BridgeDestroyed' {
        $d = New-Call
        $holding = New-AriBridge -Type holding
        Add-AriBridgeChannel $holding.Id $d.Id -Role participant
        $mark = $seen.Count
        Remove-AriChannel $d.Id
        Wait-Until { (Get-Seen $mark StasisEnd).Count -ge 1 }
        (Get-Seen $mark | Where-Object Type -in ChannelHangupRequest, ChannelLeftBridge, StasisEnd).Type |
            Should -Be @('ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd')
        (Get-AriBridge $holding.Id).ChannelIds | Should -HaveCount 0
        $mark = $seen.Count
        Remove-AriBridge $holding.Id
        Wait-Until { (Get-Seen $mark BridgeDestroyed).Count -ge 1 }
        (Get-Seen $mark BridgeDestroyed)[0].BridgeId | Should -Be $holding.Id
    }
}

Describe 'Bridge variables' {
    BeforeAll { $bridge = New-AriBridge -BridgeId br-vars }
    AfterAll { Remove-AriBridge br-vars }

    It 'sets one variable and reads it back as a Variable' {
        Set-AriBridgeVariable -BridgeId br-vars -Name BRVAR -Value v1
        $v = Get-AriBridgeVariable -BridgeId br-vars -Name BRVAR
        $v | Should -BeOfType PSAri.Model.Variable
        $v.Value | Should -Be 'v1'
    }

    It 'sets several from a hashtable (-PassThru writes the bridge) and reads them in one request' {
        $result = $bridge | Set-AriBridgeVariable -Variable @{ B1 = 'x'; B2 = 'y' } -PassThru
        $result | Should -BeOfType PSAri.Model.Bridge
        $set = Get-AriBridgeVariable -BridgeId br-vars -Name B1, B2, BRVAR
        $set | Should -BeOfType PSAri.Model.VariableSet
        $set.Variables['B1'] | Should -Be 'x'
        $set.Variables['B2'] | Should -Be 'y'
        $set.Variables['BRVAR'] | Should -Be 'v1'
    }

    It 'an unset variable and an unknown bridge are ObjectNotFound; -WhatIf sends nothing; commas in a list are refused' {
        $r = Invoke-Failing { Get-AriBridgeVariable -BridgeId br-vars -Name NOSUCH }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].Exception.Message | Should -Be 'Provided variable was not found'
        (Invoke-Failing { Set-AriBridgeVariable -BridgeId nosuch -Name A -Value b }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Set-AriBridgeVariable -BridgeId br-vars -Name WHATIF -Value 1 -WhatIf
        (Invoke-Failing { Get-AriBridgeVariable -BridgeId br-vars -Name WHATIF }).Errors | Should -HaveCount 1
        { Get-AriBridgeVariable -BridgeId br-vars -Name 'A,B', C } | Should -Throw -ErrorId 'AriNameHasComma,*'
    }
}

Describe 'Video source and music on hold' {
    BeforeAll {
        $v1 = New-Call
        $v2 = New-Call
        $bridge = New-AriBridge -Type mixing, video_single -BridgeId br-video
        Add-AriBridgeChannel br-video $v1.Id
    }
    AfterAll {
        Remove-AriBridge br-video
        $v1, $v2 | ForEach-Object { Stop-AriEmulatorCall -Emulator $emulator -ChannelId $_.Id }
    }

    It 'sets and clears the video source' {
        $set = Set-AriBridgeVideoSource -BridgeId br-video -ChannelId $v1.Id -PassThru
        $set.VideoMode | Should -Be 'single'
        $set.VideoSourceId | Should -Be $v1.Id
        $cleared = $bridge | Clear-AriBridgeVideoSource -PassThru
        $cleared.VideoMode | Should -Be 'talker'
        $cleared.VideoSourceId | Should -BeNullOrEmpty
    }

    It 'a channel outside the bridge is InvalidData (422); unknown bridges are ObjectNotFound' {
        $r = Invoke-Failing { Set-AriBridgeVideoSource -BridgeId br-video -ChannelId $v2.Id }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Invoke-Failing { Clear-AriBridgeVideoSource -BridgeId nosuch }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Set-AriBridgeVideoSource -BridgeId br-video -ChannelId $v1.Id -WhatIf
        (Get-AriBridge br-video).VideoSourceId | Should -BeNullOrEmpty
    }

    It 'starts and stops music on hold; stopping it again is InvalidOperation (409)' {
        Start-AriBridgeMusicOnHold -BridgeId br-video -MohClass default -WhatIf
        (Invoke-Failing { Stop-AriBridgeMusicOnHold -BridgeId br-video }).Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        (Start-AriBridgeMusicOnHold -BridgeId br-video -MohClass default -PassThru).Id | Should -Be 'br-video'
        Stop-AriBridgeMusicOnHold -BridgeId br-video
        $r = Invoke-Failing { Stop-AriBridgeMusicOnHold -BridgeId br-video }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Errors[0].Exception.Message | Should -Be "Bridge isn't playing music"
        (Invoke-Failing { Start-AriBridgeMusicOnHold -BridgeId nosuch }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Invoke-AriBridgePlay and the playbacks' {
    BeforeAll {
        $p1 = New-Call
        $p2 = New-Call
        $bridge = New-AriBridge -BridgeId br-play
        Add-AriBridgeChannel br-play $p1.Id, $p2.Id
    }
    AfterAll {
        Remove-AriBridge br-play
        $p1, $p2 | ForEach-Object { Stop-AriEmulatorCall -Emulator $emulator -ChannelId $_.Id }
    }

    It 'plays to the bridge (target bridge:ID) and -Wait returns the finished playback' {
        $mark = $seen.Count
        $done = Invoke-AriBridgePlay -BridgeId br-play -Media sound:hello-world -Wait -Timeout 10
        $done | Should -BeOfType PSAri.Model.Playback
        $done.State | Should -Be 'done'
        $done.TargetUri | Should -Be 'bridge:br-play'
        (Get-Seen $mark PlaybackStarted)[0].Playback.Id | Should -Be $done.Id
        (Get-AriBridge br-play).Technology | Should -Be 'softmix' # the announcer is a third participant
        @(Get-Seen $mark ChannelVarset | Where-Object Value -like 'Announcer/ARI-*').Count | Should -BeGreaterOrEqual 2
    }

    It 'plays with an id (playWithId), Get-AriPlayback reads it, Stop-AriPlayback ends it with done' {
        $mark = $seen.Count
        $playback = $bridge | Invoke-AriBridgePlay -Media sound:tt-monkeys -PlaybackId br-pb -AnnouncerFormat ulaw
        $playback.Id | Should -Be 'br-pb'
        Wait-Until { (Get-Seen $mark PlaybackStarted).Count -ge 1 }
        $got = Get-AriPlayback -PlaybackId br-pb
        $got.State | Should -Be 'playing'
        $got.TargetUri | Should -Be 'bridge:br-play'
        Stop-AriPlayback -PlaybackId br-pb -WhatIf
        (Get-AriPlayback br-pb).State | Should -Be 'playing'
        $got | Stop-AriPlayback
        Wait-Until { (Get-Seen $mark PlaybackFinished).Count -ge 1 }
        (Get-Seen $mark PlaybackFinished)[0].Playback.State | Should -Be 'done'
        $r = Invoke-Failing { Get-AriPlayback br-pb }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].Exception.Message | Should -Be 'Playback not found'
        (Invoke-Failing { Stop-AriPlayback br-pb }).Errors[0].TargetObject | Should -Be 'br-pb'
    }

    It 'refuses media with a comma and reports an unknown bridge; an unknown announcer format is InvalidData' {
        { Invoke-AriBridgePlay -BridgeId br-play -Media 'tone:440/2000,0/4000' } | Should -Throw -ErrorId 'AriMediaHasComma,*'
        $r = Invoke-Failing { Invoke-AriBridgePlay -BridgeId nosuch -Media sound:beep }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be 'nosuch'
        (Invoke-Failing { Invoke-AriBridgePlay -BridgeId br-play -Media sound:beep -AnnouncerFormat nosuchformat }).Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $mark = $seen.Count
        Invoke-AriBridgePlay -BridgeId br-play -Media sound:beep -WhatIf
        Start-Sleep -Milliseconds 200
        Get-Seen $mark PlaybackStarted | Should -HaveCount 0
    }

    It 'fails at once in a holding bridge that has an announcer participant' {
        $holding = New-AriBridge -Type holding
        Add-AriBridgeChannel $holding.Id $p1.Id -Role announcer
        $done = Invoke-AriBridgePlay -BridgeId $holding.Id -Media sound:beep -Wait -Timeout 5 -WarningVariable warnings -WarningAction SilentlyContinue
        $done.State | Should -Be 'failed'
        $warnings | Should -HaveCount 1
        Remove-AriBridge $holding.Id
        Add-AriBridgeChannel br-play $p1.Id
    }

    It 'controls a playback: pause, unpause (a new PlaybackStarted), restart, forward, reverse' {
        $playback = Invoke-AriChannelPlay -ChannelId $p2.Id -Media sound:tt-monkeys -PlaybackId br-ctl
        Wait-Until { (Get-AriPlayback br-ctl).State -eq 'playing' }
        $mark = $seen.Count
        $paused = $playback | Invoke-AriPlaybackControl -Operation pause -PassThru
        $paused | Should -BeOfType PSAri.Model.Playback
        $paused.State | Should -Be 'paused'
        $r = Invoke-Failing { Invoke-AriPlaybackControl br-ctl forward }
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $r.Errors[0].Exception.Message | Should -Be 'Can only forward while media is playing'
        Invoke-AriPlaybackControl br-ctl unpause
        Wait-Until { (Get-Seen $mark PlaybackStarted).Count -ge 1 }
        (Get-AriPlayback br-ctl).State | Should -Be 'playing'
        foreach ($op in 'restart', 'forward', 'reverse') {
            (Invoke-AriPlaybackControl br-ctl $op -PassThru).State | Should -Be 'playing'
        }
        Invoke-AriPlaybackControl br-ctl pause -WhatIf
        (Get-AriPlayback br-ctl).State | Should -Be 'playing'
        { Invoke-AriPlaybackControl br-ctl bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        (Invoke-Failing { Invoke-AriPlaybackControl nosuch pause }).Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        # stopped while paused: PlaybackFinished done
        Invoke-AriPlaybackControl br-ctl pause
        $mark = $seen.Count
        Stop-AriPlayback br-ctl
        Wait-Until { (Get-Seen $mark PlaybackFinished).Count -ge 1 }
        (Get-Seen $mark PlaybackFinished)[0].Playback.State | Should -Be 'done'
    }
}

Describe 'The emulator''s raw answers for playback control' {
    It 'answers 400 for a missing or unknown operation, as Asterisk does' {
        $c = New-Call
        try {
            $null = Invoke-AriChannelPlay -ChannelId $c.Id -Media sound:tt-monkeys -PlaybackId br-raw
            $base = [uri]::new($emulator.BaseUri, 'ari/playbacks/br-raw/control')
            $missing = Invoke-WebRequest -Method Post $base -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
            $missing.StatusCode | Should -Be 400
            ($missing.Content | ConvertFrom-Json).message | Should -Be 'Missing operation'
            $bogus = Invoke-WebRequest -Method Post "$base`?operation=bogus" -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
            $bogus.StatusCode | Should -Be 400
            ($bogus.Content | ConvertFrom-Json).message | Should -Be 'Invalid operation bogus'
            $type = Invoke-WebRequest -Method Post ([uri]::new($emulator.BaseUri, 'ari/bridges?type=bogus')) -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
            $type.StatusCode | Should -Be 500
            ($type.Content | ConvertFrom-Json).message | Should -Be "Unable to create bridge. Possible duplicate bridge id '(null)'"
        }
        finally { Stop-AriEmulatorCall -Emulator $emulator -ChannelId $c.Id }
    }
}
