BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential

    # Receives an app's events in the background until stopped; returns the background object.
    function Start-Listener([string] $App, [switch] $SubscribeAll) {
        $extra = if ($SubscribeAll) { '-SubscribeAll' } else { '' }
        $bg = Start-Background -Parameters @{ C = $connection; A = $App } -Script ([scriptblock]::Create("param(`$C, `$A) Receive-AriEvent -Connection `$C -App `$A $extra"))
        Wait-Until { Test-AppListening $emulator $App }
        $bg
    }

    # The background's output so far (a PSDataCollection is not enumerated directly: its enumerator waits for more).
    function Get-Seen($Background) {
        $out = $Background.Output
        for ($i = 0; $i -lt $out.Count; $i++) { $out[$i] }
    }

    function Assert-AriError($errs, [string] $Category, [string] $Message, $Target) {
        @($errs).Count | Should -BeGreaterThan 0
        $errs[0].CategoryInfo.Category | Should -Be $Category
        if ($Message) { $errs[0].Exception.Message | Should -Match ([regex]::Escape($Message)) }
        if ($PSBoundParameters.ContainsKey('Target')) { $errs[0].TargetObject | Should -Be $Target }
    }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Get-AriAsteriskInfo and Ping-AriAsterisk' {
    It 'returns the whole AsteriskInfo, or only the parts asked for' {
        $info = Get-AriAsteriskInfo
        $info | Should -BeOfType PSAri.Model.AsteriskInfo
        $info.System.Version | Should -Be '22.10.1'
        $info.Status.StartupTime | Should -BeOfType [DateTimeOffset]
        $info.Connection | Should -Be $connection
        $some = Get-AriAsteriskInfo -Only system, status
        $some.System.EntityId | Should -Be $emulator.EntityId
        $some.Build | Should -BeNullOrEmpty
        $some.Config | Should -BeNullOrEmpty
        $some.Status | Should -Not -BeNullOrEmpty
    }

    It 'refuses a part name that is not one of the four' {
        { Get-AriAsteriskInfo -Only bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.GetAriAsteriskInfoCommand'
    }

    It 'pings' {
        $pong = Ping-AriAsterisk
        $pong | Should -BeOfType PSAri.Model.AsteriskPing
        $pong.Ping | Should -Be 'pong'
        $pong.Timestamp | Should -BeOfType [DateTimeOffset]
    }

    It 'gives a ConnectionError when the server does not answer' {
        $dead = Start-AriEmulator -Port 0
        $c = Connect-Ari $dead.BaseUri $credential
        $dead | Stop-AriEmulator
        $out = Ping-AriAsterisk -Connection $c -ErrorVariable errs -ErrorAction SilentlyContinue
        $c | Disconnect-Ari
        $out | Should -BeNullOrEmpty
        Assert-AriError $errs ConnectionError
    }
}

Describe 'Modules' {
    It 'lists modules and gets one by name or from the pipeline' {
        $all = Get-AriModule
        $all.Count | Should -BeGreaterThan 10
        $all[0] | Should -BeOfType PSAri.Model.AsteriskModule
        $ari = Get-AriModule res_ari.so
        $ari.Description | Should -Be 'Asterisk RESTful Interface'
        $ari.Status | Should -Be 'Running'
        ($all | Where-Object Name -eq res_ari.so | Get-AriModule).Name | Should -Be 'res_ari.so'
    }

    It 'reports unknown modules (404) and a name without .so (409) as errors with the name as target' {
        Get-AriModule nosuchmodule.so -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Module could not be found in running modules' 'nosuchmodule.so'
        Get-AriModule res_ari -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation 'Module information could not be retrieved' 'res_ari'
    }

    It 'unloads, reloads and loads like Asterisk' {
        Remove-AriModule app_morsecode.so -WhatIf
        (Get-AriModule app_morsecode.so).Name | Should -Be 'app_morsecode.so'   # -WhatIf sent nothing
        Restart-AriModule app_morsecode.so -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation 'Module does not support reloading' 'app_morsecode.so'
        Remove-AriModule app_morsecode.so -Confirm:$false | Should -BeNullOrEmpty
        Get-AriModule app_morsecode.so -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Remove-AriModule app_morsecode.so -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Module not found in running modules'
        $loaded = Import-AriModule app_morsecode.so -PassThru
        $loaded | Should -BeOfType PSAri.Model.AsteriskModule
        $loaded.Name | Should -Be 'app_morsecode.so'
        Import-AriModule app_morsecode.so -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation 'Module is already loaded'
        Import-AriModule nosuchmodule.so -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation 'Module load declined'
        (Restart-AriModule res_musiconhold.so -PassThru).Name | Should -Be 'res_musiconhold.so'
    }

    It 'Remove-AriModule has High confirm impact; the others Medium' {
        (Get-Command Remove-AriModule).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Import-AriModule).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Log channels' {
    It 'adds, lists, deletes and rotates like Asterisk' {
        $before = Get-AriLogChannel
        $before | Should -HaveCount 2
        $before[0] | Should -BeOfType PSAri.Model.LogChannel
        $added = Add-AriLogChannel caplog -Configuration notice, warning -PassThru
        $added.Channel | Should -BeLike '*/caplog'
        $added.Configuration | Should -Be 'NOTICE WARNING '
        (Get-AriLogChannel caplog).Type | Should -Be 'File'
        Add-AriLogChannel caplog -Configuration notice -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation 'Log channel already exists' 'caplog'
        Remove-AriLogChannel caplog
        Get-AriLogChannel caplog -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-AriError $errs ObjectNotFound '' 'caplog'
        Remove-AriLogChannel caplog -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Log channel does not exist' 'caplog'
        Add-AriLogChannel caplog -Configuration notice
        Invoke-AriLogChannelRotation caplog
        Get-AriLogChannel | Should -HaveCount 2   # the rotation reloaded the logger: the ARI-added channel is gone
        Invoke-AriLogChannelRotation nosuchlog -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Log channel does not exist' 'nosuchlog'
        Get-AriLogChannel 'mess*' | Should -HaveCount 1
    }

    It 'refuses a level with a comma before sending, and -WhatIf sends nothing' {
        { Add-AriLogChannel caplog2 -Configuration 'notice,warning' } | Should -Throw -ErrorId 'AriCommaInList,PSAri.Commands.AddAriLogChannelCommand'
        Add-AriLogChannel caplog3 -Configuration notice -WhatIf
        Remove-AriLogChannel messages.log -WhatIf
        Get-AriLogChannel | Should -HaveCount 2
    }
}

Describe 'Global variables' {
    It 'reads a never-set variable as empty, sets and empties it' {
        (Get-AriGlobalVariable CAPGLOBAL).Value | Should -Be ''
        $v = Set-AriGlobalVariable CAPGLOBAL 42 -PassThru
        $v | Should -BeOfType PSAri.Model.Variable
        $v.Value | Should -Be '42'
        Set-AriGlobalVariable -Variable CAPGLOBAL
        (Get-AriGlobalVariable CAPGLOBAL).Value | Should -Be ''
        Set-AriGlobalVariable CAPGLOBAL 7 -WhatIf
        (Get-AriGlobalVariable CAPGLOBAL).Value | Should -Be ''
    }

    It 'gives InvalidArgument for the empty name Asterisk refuses (sent through Invoke-AriRequest), and validates before sending' {
        Invoke-AriRequest GET asterisk/variable -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidArgument 'Variable name is required'
        { Get-AriGlobalVariable -Variable '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.GetAriGlobalVariableCommand'
    }
}

Describe 'Dynamic configuration' {
    It 'reaches the object resource and reports the emulated server''s unknown class' {
        Get-AriDynamicConfig res_pjsip endpoint capep -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-AriError $errs ObjectNotFound "configClass 'res_pjsip' not found" 'res_pjsip/endpoint/capep'
        Set-AriDynamicConfig res_pjsip endpoint capep -Field @{ allow = 'ulaw' } -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound "configClass 'res_pjsip' not found"
        Remove-AriDynamicConfig nosuchclass t x -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound "configClass 'nosuchclass' not found"
        (Get-Command Remove-AriDynamicConfig).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'creates, reads, updates and deletes objects of a class the emulator opened' {
        $emulator.AddConfigClass('capconf', 'endpoint')
        $set = Set-AriDynamicConfig capconf endpoint alice -Field @{ allow = 'ulaw'; context = 'default' }
        $set[0] | Should -BeOfType PSAri.Model.ConfigTuple
        ($set | Where-Object Attribute -eq allow).Value | Should -Be 'ulaw'
        $null = Set-AriDynamicConfig capconf endpoint alice -Field @{ allow = 'alaw' }
        $got = Get-AriDynamicConfig capconf endpoint alice
        ($got | Where-Object Attribute -eq allow).Value | Should -Be 'alaw'
        ($got | Where-Object Attribute -eq context).Value | Should -Be 'default'
        Remove-AriDynamicConfig capconf endpoint alice -WhatIf
        @(Get-AriDynamicConfig capconf endpoint alice).Count | Should -Be 2
        Remove-AriDynamicConfig capconf endpoint alice -Confirm:$false
        Get-AriDynamicConfig capconf endpoint alice -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound "Object with id 'alice' not found" 'capconf/endpoint/alice'
        Get-AriDynamicConfig capconf aor x -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound "objectType 'aor' not found"
    }

    It 'sends -Field as {"fields":[{"attribute":..,"value":..}]} and nothing with -WhatIf' {
        $v = Set-AriDynamicConfig res_pjsip endpoint capep -Field @{ allow = 'ulaw' } -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$v" | Should -Match 'PUT .*/ari/asterisk/config/dynamic/res_pjsip/endpoint/capep -> 404'
        $w = Set-AriDynamicConfig res_pjsip endpoint capep -Field @{ allow = 'ulaw' } -WhatIf -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$w" | Should -Not -Match '->'
    }
}

Describe 'Applications and subscriptions' {
    BeforeAll { $listener = Start-Listener capsys }
    AfterAll { $listener.PowerShell.Stop(); $listener.PowerShell.Dispose() }

    It 'lists and gets applications' {
        $app = Get-AriApplication capsys
        $app | Should -BeOfType PSAri.Model.Application
        $app.Name | Should -Be 'capsys'
        (Get-AriApplication).Name | Should -Contain 'capsys'
        Get-AriApplication nosuchapp -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Application not found' 'nosuchapp'
    }

    It 'subscribes and unsubscribes device states and channels, with Asterisk''s errors' {
        $app = Add-AriApplicationSubscription capsys -EventSource deviceState:Stasis:capbar, deviceState:Stasis:capbaz
        $app.DeviceNames | Should -Be @('Stasis:capbar', 'Stasis:capbaz')
        Add-AriApplicationSubscription capsys -EventSource bogus:foo -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidArgument 'Invalid event source URI scheme' 'capsys'
        Add-AriApplicationSubscription capsys -EventSource channel:nosuchchannel -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidData 'Event source does not exist'
        Add-AriApplicationSubscription nosuchapp -EventSource deviceState:x -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Application not found'
        $app = Remove-AriApplicationSubscription capsys -EventSource deviceState:Stasis:capbar
        $app.DeviceNames | Should -Be @('Stasis:capbaz')
        Remove-AriApplicationSubscription capsys -EventSource deviceState:Stasis:capbaz, deviceState:Stasis:never -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidData 'Event source was not subscribed to'
        (Get-AriApplication capsys).DeviceNames | Should -BeNullOrEmpty
    }

    It 'refuses an event source with a comma; -WhatIf sends nothing' {
        { Add-AriApplicationSubscription capsys -EventSource 'deviceState:a,deviceState:b' } | Should -Throw -ErrorId 'AriCommaInList,PSAri.Commands.AddAriApplicationSubscriptionCommand'
        $null = Add-AriApplicationSubscription capsys -EventSource deviceState:Stasis:w -WhatIf
        (Get-AriApplication capsys).DeviceNames | Should -BeNullOrEmpty
    }

    It 'sets, keeps and clears the event filter; user events obey it' {
        $app = Set-AriApplicationEventFilter capsys -Allowed DeviceStateChanged
        $app.EventsAllowed.Type | Should -Be 'DeviceStateChanged'
        Send-AriUserEvent filtered-out -Application capsys
        $app = Set-AriApplicationEventFilter capsys -Disallowed ChannelUserevent -Allowed @()
        $app.EventsAllowed | Should -BeNullOrEmpty
        $app.EventsDisallowed.Type | Should -Be 'ChannelUserevent'
        $app = Set-AriApplicationEventFilter capsys -Allowed StasisStart
        $app.EventsDisallowed.Type | Should -Be 'ChannelUserevent'   # a list left out is kept
        $app = Set-AriApplicationEventFilter capsys
        $app.EventsAllowed | Should -BeNullOrEmpty
        $app.EventsDisallowed | Should -BeNullOrEmpty
        Send-AriUserEvent passes -Application capsys
        Wait-Until { @((Get-Seen $listener) | Where-Object Type -eq ChannelUserevent).Count -ge 1 }
        Start-Sleep -Milliseconds 200
        @((Get-Seen $listener) | Where-Object Type -eq ChannelUserevent).EventName | Should -Be @('passes')
        Set-AriApplicationEventFilter nosuchapp -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Application not found' 'nosuchapp'
    }

    It 'sends user events with typed variables and a channel source' {
        Send-AriUserEvent capevent -Application capsys -Variable @{ k1 = 'v1'; n = 1; ok = $true }
        Wait-Until { @((Get-Seen $listener) | Where-Object EventName -eq capevent).Count -ge 1 }
        $e = @((Get-Seen $listener) | Where-Object EventName -eq capevent)[0]
        $e | Should -BeOfType PSAri.Model.ChannelUsereventEvent
        $e.UserEvent['k1'] | Should -Be 'v1'
        $e.UserEvent['n'] | Should -Be 1
        $e.UserEvent['n'] | Should -BeOfType [long]
        $e.UserEvent['ok'] | Should -BeTrue
        $e.UserEvent['eventname'] | Should -Be 'capevent'
        Send-AriUserEvent x -Application nosuchapp -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Application not found' 'x'
        Send-AriUserEvent x -Application capsys -Source channel:nosuch -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidData 'Event source was not found'
        Send-AriUserEvent x -Application capsys -Source deviceState:Stasis:x -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidArgument 'Invalid event source URI scheme'
        Send-AriUserEvent whatif -Application capsys -WhatIf
        Start-Sleep -Milliseconds 200
        @((Get-Seen $listener) | Where-Object EventName -eq whatif).Count | Should -Be 0
    }

    It 'sends a user event about a channel in Stasis' {
        $emulator.AddExtension('capsys-call', 'capsys')
        $call = New-AriEmulatorCall -Emulator $emulator -Extension capsys-call
        Send-AriUserEvent about-call -Application capsys -Source "channel:$($call.Id)"
        Wait-Until { @((Get-Seen $listener) | Where-Object EventName -eq about-call).Count -ge 1 }
        @((Get-Seen $listener) | Where-Object EventName -eq about-call)[0].ChannelId | Should -Be $call.Id
        $app = Add-AriApplicationSubscription capsys -EventSource "channel:$($call.Id)"
        $app.ChannelIds | Should -Contain $call.Id
        Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id
    }
}

Describe 'subscribeAll' {
    It 'lists the catch-all topics for an application registered with subscribeAll' {
        $bg = Start-Listener capall -SubscribeAll
        try {
            $app = Get-AriApplication capall
            $app.ChannelIds | Should -Be @('__AST_CHANNEL_ALL_TOPIC')
            $app.BridgeIds | Should -Be @('__AST_BRIDGE_ALL_TOPIC')
            $app.EndpointIds | Should -Be @('__AST_ENDPOINT_ALL_TOPIC')
            $app.DeviceNames | Should -Be @('__AST_DEVICE_STATE_ALL_TOPIC')
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }
}

Describe 'Invoke-AriChannelClaim (StasisBroadcast)' {
    BeforeAll {
        $w1 = Start-Listener capbc1
        $w2 = Start-Listener capbc2
    }
    AfterAll {
        foreach ($w in $w1, $w2) { $w.PowerShell.Stop(); $w.PowerShell.Dispose() }
    }

    It 'broadcasts to matching apps; the first claim wins, the second is a 409' {
        $call = New-AriEmulatorCall -Emulator $emulator -Extension broadcast
        Wait-Until { @((Get-Seen $w1) | Where-Object Type -eq CallBroadcast).Count -ge 1 -and @((Get-Seen $w2) | Where-Object Type -eq CallBroadcast).Count -ge 1 }
        $offer = @((Get-Seen $w1) | Where-Object Type -eq CallBroadcast)[0]
        $offer.Called | Should -Be 'broadcast'
        $offer.ChannelId | Should -Be $call.Id
        $claimed = $offer | Invoke-AriChannelClaim -PassThru
        $claimed | Should -BeOfType PSAri.Model.Channel
        $claimed.Id | Should -Be $call.Id
        Wait-Until { @((Get-Seen $w1) | Where-Object Type -eq StasisStart).Count -ge 1 }
        @((Get-Seen $w1) | Where-Object Type -eq StasisStart)[0].Args | Should -Be @('bc1', 'bc2')
        Wait-Until { @((Get-Seen $w2) | Where-Object Type -eq CallClaimed).Count -ge 1 }
        @((Get-Seen $w2) | Where-Object Type -eq CallClaimed)[0].WinnerApp | Should -Be 'capbc1'
        @((Get-Seen $w1) | Where-Object Type -eq CallClaimed)[0].WinnerApp | Should -Be 'capbc1'
        Invoke-AriChannelClaim $call.Id -Application capbc2 -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs InvalidOperation '' $call.Id
        Remove-AriChannel $call.Id
    }

    It 'gives ObjectNotFound for a channel not being broadcast, and -WhatIf sends nothing' {
        Invoke-AriChannelClaim nosuchchannel -Application capbc1 -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Channel not found or not in broadcast state' 'nosuchchannel'
        $call = New-AriEmulatorCall -Emulator $emulator -Extension broadcast
        Invoke-AriChannelClaim $call.Id -Application capbc1 -WhatIf
        Wait-Until { (Get-AriChannel $call.Id).Dialplan.AppName -eq 'Wait' } -TimeoutSec 6   # unclaimed: the dialplan goes on
        Invoke-AriChannelClaim $call.Id -Application capbc1 -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs ObjectNotFound 'Channel not found or not in broadcast state'
        Remove-AriChannel $call.Id
    }
}

Describe 'Invoke-AriRequest' {
    It 'returns model objects for known operations' {
        $info = Invoke-AriRequest GET asterisk/info
        $info | Should -BeOfType PSAri.Model.AsteriskInfo
        $info.Connection | Should -Be $connection
        $mods = Invoke-AriRequest -Path /ari/asterisk/modules
        $mods[0] | Should -BeOfType PSAri.Model.AsteriskModule
        (Invoke-AriRequest -Path asterisk/modules -Segment res_ari.so).Name | Should -Be 'res_ari.so'
        (Invoke-AriRequest GET 'asterisk/variable?variable=NOPE').Value | Should -Be ''
        (Invoke-AriRequest GET asterisk/info -Query @{ only = 'build', 'system' }).Status | Should -BeNullOrEmpty
    }

    It 'returns PSCustomObjects for unknown paths, keeping timestamps as strings' {
        $ping = Invoke-AriRequest -Method GET -Path asterisk/ping -Query @{ x = 1 }
        $ping | Should -BeOfType PSAri.Model.AsteriskPing
        [PSAri.Commands.InvokeAriRequestCommand].Assembly | Should -Not -BeNullOrEmpty
        # An operation the table does not know (only=bogus is valid JSON {}): PUT on info is a 405 error.
        Invoke-AriRequest PUT asterisk/info -ErrorVariable errs -ErrorAction SilentlyContinue
        Assert-AriError $errs NotSpecified 'Invalid method' 'asterisk/info'
    }

    It 'sends JSON bodies with their types and escapes segments' {
        $bg = Start-Listener capreq
        try {
            Invoke-AriRequest POST events/user/typed -Query @{ application = 'capreq' } -Body @{ variables = @{ n = 2; s = 'x' } } | Should -BeNullOrEmpty
            Invoke-AriRequest POST -Path events/user -Segment 'raw/json' -Query @{ application = 'capreq' } -Body '{"variables":{"b":false}}'
            Wait-Until { @((Get-Seen $bg) | Where-Object Type -eq ChannelUserevent).Count -ge 2 }
            $typed, $raw = @((Get-Seen $bg) | Where-Object Type -eq ChannelUserevent)
            $typed.UserEvent['n'] | Should -Be 2
            $raw.EventName | Should -Be 'raw/json'
            $raw.UserEvent['b'] | Should -BeFalse
            $plain = Invoke-AriRequest GET -Path applications -Segment capreq
            $plain | Should -BeOfType PSAri.Model.Application
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'writes PSCustomObjects for an answer with no known model, timestamps kept as strings' {
        # A server newer than this build: asterisk/info for Connect-Ari, and a JSON object no operation of the table has.
        $port = Get-Random -Minimum 20000 -Maximum 40000
        if (-not ('PSAriTests.StandInServer' -as [type])) {
            Add-Type -TypeDefinition @'
namespace PSAriTests {
    public static class StandInServer {
        public static System.Net.HttpListener Start(int port, string infoJson, string otherJson) {
            var h = new System.Net.HttpListener();
            h.Prefixes.Add("http://127.0.0.1:" + port + "/");
            h.Start();
            System.Threading.Tasks.Task.Run(async () => {
                while (h.IsListening) {
                    System.Net.HttpListenerContext c;
                    try { c = await h.GetContextAsync(); } catch { return; }
                    var body = System.Text.Encoding.UTF8.GetBytes(c.Request.Url.AbsolutePath == "/ari/asterisk/info" ? infoJson : otherJson);
                    c.Response.ContentType = "application/json";
                    c.Response.OutputStream.Write(body, 0, body.Length);
                    c.Response.Close();
                }
            });
            return h;
        }
    }
}
'@
        }
        $http = [PSAriTests.StandInServer]::Start($port, '{"system":{"version":"99.0.0","entity_id":"02:fc:00:00:00:09"}}',
            '{"future":[{"id":"f1","n":2}],"timestamp":"2026-11-27T16:27:50.231+0000"}')
        try {
            $c = Connect-Ari "http://127.0.0.1:$port/" $credential
            $obj = Invoke-AriRequest GET future/things -Connection $c
            $c | Disconnect-Ari
            $obj | Should -BeOfType [pscustomobject]
            $obj.timestamp | Should -BeOfType [string]
            $obj.timestamp | Should -Be '2026-11-27T16:27:50.231+0000'
            $obj.future[0].id | Should -Be 'f1'
            $obj.future[0].n | Should -Be 2
        }
        finally { $http.Close() }
    }

    It 'refuses a body string that is not JSON and an empty path' {
        { Invoke-AriRequest POST asterisk/variable -Body 'not json' } | Should -Throw -ErrorId 'AriInvalidJsonBody,PSAri.Commands.InvokeAriRequestCommand'
        { Invoke-AriRequest GET '' } | Should -Throw -ErrorId 'AriEmptyPath,PSAri.Commands.InvokeAriRequestCommand'
    }
}
