BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential
    # Every event of the app 'chctl' (extension app-chctl enters Stasis(chctl,first,second)).
    $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script { param($C, $Seen) Receive-AriEvent -Connection $C -App chctl | ForEach-Object { $Seen.Enqueue($_) } }
    Wait-Until { Test-AppListening $emulator chctl }

    function New-TestCall { New-AriEmulatorCall -Emulator $emulator -Extension app-chctl }
    # The phone half (;1) of a simulated call: a channel that is not in Stasis.
    function Get-PhoneHalf($call) { Get-AriChannel | Where-Object { $_.Name -eq ($call.Name -replace ';2$', ';1') } }
    function Get-Seen([string] $Type, [string] $ChannelId) {
        @($seen | Where-Object { $_.Type -eq $Type -and (-not $ChannelId -or $_.ChannelId -eq $ChannelId) })
    }
    # The HTTP lines -Verbose wrote.
    function Get-HttpLine([scriptblock] $Command) {
        @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message | Where-Object { $_ -match ' -> ' })
    }

    $call = New-TestCall
    $down = $emulator.PlaceUndialledChannel('chctl')
    $phone = Get-PhoneHalf $call

}

AfterAll {
    $call.Id, $down.Id | Remove-AriChannel -ErrorAction SilentlyContinue
    $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe '<Cmdlet>' -ForEach @(
    @{ Cmdlet = 'Invoke-AriChannelAnswer'; Method = 'POST'; Path = 'answer'; Extra = @{} }
    @{ Cmdlet = 'Start-AriChannelRing'; Method = 'POST'; Path = 'ring'; Extra = @{} }
    @{ Cmdlet = 'Stop-AriChannelRing'; Method = 'DELETE'; Path = 'ring'; Extra = @{} }
    @{ Cmdlet = 'Invoke-AriChannelProgress'; Method = 'POST'; Path = 'progress'; Extra = @{} }
    @{ Cmdlet = 'Send-AriChannelDtmf'; Method = 'POST'; Path = 'dtmf?dtmf=1'; Extra = @{ Dtmf = '1' } }
    @{ Cmdlet = 'Start-AriChannelMute'; Method = 'POST'; Path = 'mute?direction=both'; Extra = @{} }
    @{ Cmdlet = 'Stop-AriChannelMute'; Method = 'DELETE'; Path = 'mute?direction=both'; Extra = @{} }
    @{ Cmdlet = 'Start-AriChannelHold'; Method = 'POST'; Path = 'hold'; Extra = @{} }
    @{ Cmdlet = 'Stop-AriChannelHold'; Method = 'DELETE'; Path = 'hold'; Extra = @{} }
    @{ Cmdlet = 'Start-AriChannelMusicOnHold'; Method = 'POST'; Path = 'moh'; Extra = @{} }
    @{ Cmdlet = 'Stop-AriChannelMusicOnHold'; Method = 'DELETE'; Path = 'moh'; Extra = @{} }
    @{ Cmdlet = 'Start-AriChannelSilence'; Method = 'POST'; Path = 'silence'; Extra = @{} }
    @{ Cmdlet = 'Stop-AriChannelSilence'; Method = 'DELETE'; Path = 'silence'; Extra = @{} }
) {
    It 'sends <Method> /channels/{id}/<Path> and writes nothing (204)' {
        $lines = @(Get-HttpLine { $out = & $Cmdlet -ChannelId $call.Id @Extra -Verbose; $out | Should -BeNullOrEmpty })
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match ("^$Method http://127\.0\.0\.1:\d+/ari/channels/$([regex]::Escape($call.Id))/$([regex]::Escape($Path)) -> 204")
    }

    It '-PassThru writes the channel, re-read with GET; a StasisStart event binds by ChannelId' {
        # The background tap may not have queued the event yet when the call is placed.
        Wait-Until { Get-Seen StasisStart $call.Id }
        $start = Get-Seen StasisStart $call.Id | Select-Object -First 1
        $c = $start | & $Cmdlet @Extra -PassThru
        $c | Should -BeOfType ([PSAri.Model.Channel])
        $c.Id | Should -Be $call.Id
        $c.State | Should -Be 'Up'
        $c.Connection | Should -Be $connection
    }

    It 'writes ObjectNotFound "Channel not found" for an unknown channel and goes on with the next' {
        $out = 'nosuch', $call.Id | & $Cmdlet @Extra -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuch'
        $errs[0].Exception.Message | Should -Be 'Channel not found'
    }

    It 'writes InvalidOperation 409 for a channel that is not in Stasis' {
        & $Cmdlet -ChannelId $phone.Id @Extra -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp409,*'
        $errs[0].Exception.Message | Should -Be 'Channel not in Stasis application'
    }

    It 'writes InvalidOperation 412 for a channel in Stasis that is still Down' {
        & $Cmdlet -ChannelId $down.Id @Extra -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AriHttp412,*'
        $errs[0].Exception.Message | Should -Be 'Channel in invalid state'
        $errs[0].TargetObject | Should -Be $down.Id
    }

    It '-WhatIf sends nothing' {
        $lines = @(Get-HttpLine { & $Cmdlet -ChannelId $call.Id @Extra -PassThru -WhatIf -Verbose })
        $lines | Should -BeNullOrEmpty
    }
}

Describe 'Start-AriChannelMute and Stop-AriChannelMute' {
    It 'sends the direction given; refuses an unknown one before sending' {
        @(Get-HttpLine { Start-AriChannelMute $call.Id in -Verbose })[0] | Should -Match '/mute\?direction=in -> 204'
        @(Get-HttpLine { Stop-AriChannelMute $call.Id -Direction out -Verbose })[0] | Should -Match '^DELETE .*/mute\?direction=out -> 204'
        { Start-AriChannelMute $call.Id -Direction sideways } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'the emulator answers 400 without a direction, as Asterisk does' {
        $uri = [uri]::new($emulator.BaseUri, "ari/channels/$($call.Id)/mute")
        $r = Invoke-WebRequest $uri -Method Post -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
        $r.StatusCode | Should -Be 400
        $r.Content | Should -Be '{"message":"Direction is required"}'
        $r = Invoke-WebRequest "$($uri)?direction=sideways" -Method Delete -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
        $r.Content | Should -Be '{"message":"Invalid direction specified"}'
    }
}

Describe 'Start-AriChannelHold and Stop-AriChannelHold' {
    It 'send no ChannelHold or ChannelUnhold for the held channel, as Asterisk' {
        Start-AriChannelHold $call.Id
        Stop-AriChannelHold $call.Id
        Start-Sleep -Milliseconds 300
        Get-Seen ChannelHold | Should -BeNullOrEmpty
        Get-Seen ChannelUnhold | Should -BeNullOrEmpty
    }
}

Describe 'Start-AriChannelMusicOnHold' {
    It 'sends -MohClass as mohClass' {
        @(Get-HttpLine { Start-AriChannelMusicOnHold $call.Id -MohClass default -Verbose })[0] | Should -Match '/moh\?mohClass=default -> 204'
    }
}

Describe 'Invoke-AriChannelAnswer' {
    It 'sends no event for a channel that is already Up' {
        $before = $seen.Count
        Invoke-AriChannelAnswer $call.Id
        Start-Sleep -Milliseconds 200
        @($seen)[$before..($seen.Count)] | Where-Object Type -eq ChannelStateChange | Should -BeNullOrEmpty
    }

    It 'answers a call that entered Stasis unanswered: Ring -> Up with ChannelStateChange' {
        $emulator.AddUnansweredExtension('ring-chctl', 'chctl')
        $c = New-AriEmulatorCall -Emulator $emulator -Extension ring-chctl
        try {
            $c.State | Should -Be 'Ring'
            Wait-Until { (Get-Seen StasisStart $c.Id).Count -ge 1 }   # the receiver runs in another runspace
            (Get-Seen StasisStart $c.Id)[0].Channel.State | Should -Be 'Ring'
            $answered = Invoke-AriChannelAnswer $c.Id -PassThru
            $answered.State | Should -Be 'Up'
            Wait-Until { (Get-Seen ChannelStateChange $c.Id).Count -ge 1 } -TimeoutSec 5
            (Get-Seen ChannelStateChange $c.Id)[0].Channel.State | Should -Be 'Up'
        }
        finally { Remove-AriChannel $c.Id -ErrorAction SilentlyContinue }
    }
}

Describe 'Send-AriChannelDtmf' {
    It 'sends the timing parameters; refuses characters that are no DTMF digit before sending' {
        @(Get-HttpLine { Send-AriChannelDtmf $call.Id 12 -Before 0 -Between 100 -Duration 100 -After 50 -Verbose })[0] |
            Should -Match '/dtmf\?dtmf=12&before=0&between=100&duration=100&after=50 -> 204'
        { Send-AriChannelDtmf $call.Id '1x' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Send-AriChannelDtmf $call.Id -Dtmf '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'the emulator answers 400 "DTMF is required" without digits' {
        $r = Invoke-WebRequest ([uri]::new($emulator.BaseUri, "ari/channels/$($call.Id)/dtmf")) -Method Post -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication -SkipHttpErrorCheck
        $r.StatusCode | Should -Be 400
        $r.Content | Should -Be '{"message":"DTMF is required"}'
    }
}

Describe 'DTMF from the far end (emulator)' {
    It 'gives one ChannelDtmfReceived per digit, in order, 100 ms each' {
        $c = New-TestCall
        try {
            $emulator.SendFarEndDtmf($c.Id, '123#') | Should -BeTrue
            Wait-Until { (Get-Seen ChannelDtmfReceived $c.Id).Count -ge 4 } -TimeoutSec 5
            $dtmf = Get-Seen ChannelDtmfReceived $c.Id
            $dtmf.Digit | Should -Be @('1', '2', '3', '#')
            $dtmf[0] | Should -BeOfType ([PSAri.Model.ChannelDtmfReceivedEvent])
            $dtmf[0].DurationMs | Should -Be 100
            ($dtmf[3].Timestamp - $dtmf[0].Timestamp).TotalMilliseconds | Should -BeGreaterThan 900
            $emulator.SendFarEndDtmf('nosuch', '1') | Should -BeFalse
        }
        finally { Remove-AriChannel $c.Id -ErrorAction SilentlyContinue }
    }
}

Describe 'Set-AriChannelVariable and Get-AriChannelVariable' {
    It 'sets a variable (ChannelVarset) and reads it back as a ChannelVariable' {
        Set-AriChannelVariable -ChannelId $call.Id -Name FOO -Value bar | Should -BeNullOrEmpty
        Wait-Until { @(Get-Seen ChannelVarset $call.Id | Where-Object Variable -eq FOO).Count -ge 1 } -TimeoutSec 5
        $varset = Get-Seen ChannelVarset $call.Id | Where-Object Variable -eq FOO | Select-Object -First 1
        $varset.Value | Should -Be 'bar'
        $v = Get-AriChannelVariable -ChannelId $call.Id -Name FOO
        $v | Should -BeOfType ([PSAri.Model.ChannelVariable])
        $v.Name | Should -Be 'FOO'
        $v.Value | Should -Be 'bar'
        $v.ChannelId | Should -Be $call.Id
        $v.Connection | Should -Be $connection
    }

    It 'reads several names in one request (GET /variables?variables=a,b)' {
        Set-AriChannelVariable $call.Id -Variable @{ V1 = 'one'; V2 = 2 }
        $all = Get-AriChannelVariable $call.Id -Name V1, V2, FOO -Verbose 4>&1
        $vars = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $lines = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message | Where-Object { $_ -match ' -> ' })
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match '^GET .*/variables\?variables=V1%2CV2%2CFOO -> 200'
        $vars.Name | Should -Be @('V1', 'V2', 'FOO')
        $vars.Value | Should -Be @('one', '2', 'bar')
    }

    It 'refuses several names when one has a comma, before sending' {
        { Get-AriChannelVariable $call.Id -Name 'A,B', C } | Should -Throw -ErrorId 'AriVariableNameHasComma,*'
    }

    It 'reads and writes dialplan functions: CHANNEL(name), CALLERID(num) with ChannelCallerId' {
        (Get-AriChannelVariable $call.Id -Name 'CHANNEL(name)').Value | Should -Be $call.Name
        $v = Set-AriChannelVariable $call.Id -Name 'CALLERID(num)' -Value 555 -PassThru
        $v.Value | Should -Be '555'
        Wait-Until { (Get-Seen ChannelCallerId $call.Id).Count -ge 1 } -TimeoutSec 5
        (Get-Seen ChannelCallerId $call.Id)[0].Channel.Caller.Number | Should -Be '555'
        (Get-AriChannel $call.Id).Caller.Number | Should -Be '555'
    }

    It '-ReportEvents puts the variables into channelvars of later snapshots (one and several)' {
        Set-AriChannelVariable $call.Id TRACKED t1 -ReportEvents
        (Get-AriChannel $call.Id).ChannelVars['TRACKED'] | Should -Be 't1'
        Set-AriChannelVariable $call.Id -Variable @{ T2 = 'two' } -ReportEvents
        $snapshot = Get-AriChannel $call.Id
        $snapshot.ChannelVars['T2'] | Should -Be 'two'
        $snapshot.ChannelVars['FOO'] | Should -BeNullOrEmpty
    }

    It 'unsets a variable when no -Value is given; reading it is then ObjectNotFound' {
        Set-AriChannelVariable $call.Id -Name GONE -Value x
        $v = Set-AriChannelVariable $call.Id -Name GONE -PassThru
        $v.Value | Should -Be ''
        $null = Get-AriChannelVariable $call.Id -Name GONE -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Be 'Provided variable was not found'
        $errs[0].TargetObject | Should -Be $call.Id
    }

    It 'Get: ObjectNotFound "Provided channel was not found" for an unknown channel; works on a channel not in Stasis' {
        $null = Get-AriChannelVariable nosuch -Name FOO -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Be 'Provided channel was not found'
        $null = Get-AriChannelVariable nosuch -Name FOO, BAR -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Be 'Provided channel was not found'
        (Get-AriChannelVariable $phone.Id -Name 'CHANNEL(name)').Value | Should -Be $phone.Name
    }

    It 'Set: ObjectNotFound for an unknown channel, InvalidOperation 409 for a channel not in Stasis' {
        Set-AriChannelVariable nosuch -Name A -Value 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuch'
        Set-AriChannelVariable $phone.Id -Variable @{ A = 1 } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Be 'Channel not in Stasis application'
    }

    It '-WhatIf sets nothing' {
        Set-AriChannelVariable $call.Id -Name WHATIF -Value 1 -WhatIf
        Set-AriChannelVariable $call.Id -Variable @{ WHATIF = 1 } -WhatIf
        $null = Get-AriChannelVariable $call.Id -Name WHATIF -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Be 'Provided variable was not found'
    }

    It '-PassThru on several writes each variable read back' {
        $out = Set-AriChannelVariable $call.Id -Variable @{ P1 = 'a'; P2 = 'b' } -PassThru | Sort-Object Name
        $out | Should -BeOfType ([PSAri.Model.ChannelVariable])
        $out.Name | Should -Be @('P1', 'P2')
        $out.Value | Should -Be @('a', 'b')
    }

    It 'the emulator answers Asterisk''s 400s for missing names and bodies' {
        $base = [uri]::new($emulator.BaseUri, "ari/channels/$($call.Id)/")
        $common = @{ Authentication = 'Basic'; Credential = $credential; AllowUnencryptedAuthentication = $true; SkipHttpErrorCheck = $true }
        (Invoke-WebRequest "$($base)variable" @common).Content | Should -Be '{"message":"Variable name is required"}'
        (Invoke-WebRequest "$($base)variables" @common).Content | Should -Be '{"message":"At least one variable name is required"}'
        $r = Invoke-WebRequest "$($base)variables" -Method Post @common
        $r.StatusCode | Should -Be 400
        $r.Content | Should -Be '{"message":"The ''variables'' field is required"}'
        $r = Invoke-WebRequest "$($base)variables?variables=V1,NOSUCH" @common
        $r.StatusCode | Should -Be 404
        $r.Content | Should -Be '{"message":"Provided variable was not found"}'
    }
}
