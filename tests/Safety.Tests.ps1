# Safety and streams: -WhatIf sends nothing, -Verbose/-Debug never show the password, credentials only as PSCredential.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $password = "Pw-$([guid]::NewGuid().ToString('N'))"
    $credential = New-TestCredential -Password $password
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($credential.UserName):$password"))
    $emulator = Start-AriEmulator -Port 0 -Credential $credential
    $connection = Connect-Ari $emulator.BaseUri $credential

    $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
        param($C, $Seen)
        Receive-AriEvent -Connection $C -App 'safety-app' | ForEach-Object { $Seen.Enqueue($_) }
    }
    Wait-Until { Test-AppListening $emulator safety-app -Credential $credential }
    $call = New-AriEmulatorCall -Emulator $emulator -Extension app-safety-app
    Wait-Until { @($seen | Where-Object Type -eq StasisStart).Count -ge 1 }
    $bridge = New-AriBridge -Name 'safety bridge'

    $module = Get-Module PSAri
    $commands = @($module.ExportedCmdlets.Values | Sort-Object Name)

    # Plausible values by parameter name, so that a command gets past binding and reaches its request.
    $byName = @{
        ChannelId = $call.Id; Id = $call.Id; OtherChannelId = $call.Id; BridgeId = $bridge.Id; PlaybackId = 'safety-playback'
        RecordingName = 'safety-rec'; Name = 'SAFETY_VAR'; Value = 'v'; App = 'safety-app'; Media = 'sound:beep'
        Endpoint = 'PJSIP/alice'; DeviceName = 'Stasis:safety-lamp'; DeviceState = 'INUSE'; MailboxName = 'safety@default'
        Technology = 'PJSIP'; Resource = 'alice'; Destination = 'safety-copy'; Extension = '1000'; Dtmf = '12#'
        From = 'pjsip:a'; To = 'pjsip:b'; Body = 'hello'; ReferTo = 'sip:b@example.org'; Format = 'wav'
        Path = (Join-Path ([IO.Path]::GetTempPath()) "psari-safety-$PID.wav"); ExternalHost = '127.0.0.1:40000'
        BaseUri = $emulator.BaseUri; Credential = $credential; Timeout = 0.2; Count = 1; Context = 'default'
        Method = 'GET'; EventName = 'SafetyEvent'; Source = 'channel:x'; ConfigClass = 'res_pjsip'; ObjectType = 'endpoint'
        Module = 'res_safety.so'; ModuleName = 'res_safety.so'; LogChannelName = 'safety-log'; Configuration = 'notice'
    }

    # Arguments for the mandatory parameters of a command's default (or first) parameter set.
    function Get-PlausibleArgument([System.Management.Automation.CmdletInfo] $Command) {
        $set = $Command.ParameterSets | Where-Object IsDefault | Select-Object -First 1
        if (-not $set) { $set = $Command.ParameterSets[0] }
        $arguments = @{}
        foreach ($parameter in $set.Parameters | Where-Object IsMandatory) {
            $metadata = $Command.Parameters[$parameter.Name]
            $validateSet = $metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            $value = if ($validateSet) { $validateSet.ValidValues[0] }
            elseif ($byName.ContainsKey($parameter.Name)) { $byName[$parameter.Name] }
            elseif ($parameter.ParameterType -eq [string]) { 'x' }
            elseif ($parameter.ParameterType -eq [string[]]) { , @('x') }
            elseif ($parameter.ParameterType -in [int], [long], [double]) { 1 }
            elseif ($parameter.ParameterType -eq [hashtable]) { @{ SAFETY = 'v' } }
            elseif ($parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $true }
            else { $null }
            if ($parameter.ParameterType -eq [string[]] -and $value -is [string]) { $value = , @($value) }
            $arguments[$parameter.Name] = $value
        }
        $arguments
    }

    # Runs a command with every stream merged; returns all the text a user could see, errors included.
    function Invoke-Everything([System.Management.Automation.CmdletInfo] $Command, [hashtable] $Arguments) {
        $records = & {
            $ErrorActionPreference = 'Continue'
            try { & $Command.Name @Arguments *>&1 }
            catch { $_ }
        }
        foreach ($record in $records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record | Out-String -Width 500
                $record.Exception.ToString()
                [string]$record.TargetObject
                [string]$record.ErrorDetails
            }
            elseif ($null -ne $record) {
                $record | Out-String -Width 500
                $record | Format-List * -Force | Out-String -Width 500
            }
        }
    }
}

AfterAll {
    if ($bg) { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    Get-AriConnection | Disconnect-Ari
    Get-AriEmulator | Stop-AriEmulator -Confirm:$false
    Remove-Item (Join-Path ([IO.Path]::GetTempPath()) "psari-safety-$PID.wav") -ErrorAction SilentlyContinue
}

Describe 'State changes honour -WhatIf' {
    It 'every command that changes state supports ShouldProcess' {
        # Reading, receiving, waiting, connecting and starting a local emulator change nothing on a server.
        $readOnly = @($commands | Where-Object { $_.Verb -in 'Get', 'Receive', 'Wait', 'Connect', 'Ping', 'Test' -or $_.Name -in 'Start-AriEmulator', 'Invoke-AriRequest' })
        $unsafe = @($commands | Where-Object { $_ -notin $readOnly -and -not $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name)
        $unsafe | Should -BeNullOrEmpty
    }

    It '-WhatIf on every such command sends no request and changes nothing' {
        $checked = 0
        $failures = foreach ($command in $commands | Where-Object { $_.Parameters.ContainsKey('WhatIf') }) {
            $arguments = Get-PlausibleArgument $command
            if ($command.Name -like '*AriEmulator*') { $arguments['Emulator'] = $emulator }
            $before = $emulator.RequestCount
            $channelsBefore = @(Get-AriChannel).Count
            $after0 = $emulator.RequestCount
            $null = & { $ErrorActionPreference = 'Continue'; try { & $command.Name @arguments -WhatIf *>&1 } catch { $_ } }
            $sent = $emulator.RequestCount - $after0
            if ($sent -ne 0) { "$($command.Name) sent $sent request(s) under -WhatIf: $($emulator.RequestLog[-$sent..-1] -join ', ')" }
            if (-not $emulator.IsRunning) { "$($command.Name) -WhatIf stopped the emulator" }
            if (-not $connection.IsOpen) { "$($command.Name) -WhatIf closed the connection" }
            if (@(Get-AriChannel).Count -ne $channelsBefore) { "$($command.Name) -WhatIf changed the channels" }
            $checked++
        }
        $failures | Should -BeNullOrEmpty
        $checked | Should -BeGreaterThan 40
        (Get-AriChannel -Id $call.Id).State | Should -Be 'Up'
        Get-AriBridge -Id $bridge.Id | Should -Not -BeNullOrEmpty
    }

    It '-WhatIf says what would be done' {
        $text = Remove-AriChannel -ChannelId $call.Id -WhatIf 6>&1 | Out-String
        # PowerShell writes the What if: line to the host; the channel must still be there.
        Get-AriChannel -Id $call.Id | Should -Not -BeNullOrEmpty
    }
}

Describe 'Streams never show the password' {
    It '-Verbose shows each HTTP call with method, URL, status and time; -Debug the bodies' {
        # -Verbose with -Debug: a compiled cmdlet given -Debug alone asks before each verbose line (PowerShell's rule).
        $records = Set-AriChannelVariable -ChannelId $call.Id -Name SAFETY_VAR -Value 'shown in debug' -Verbose -Debug -Confirm:$false *>&1
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($verbose -join "`n") | Should -Match "(?m)^POST http://127\.0\.0\.1:$($emulator.Port)/ari/channels/.+/variable\?variable=SAFETY_VAR&value=shown%20in%20debug -> 204 .*\(\d+ ms\)$"
        ($verbose -join "`n") | Should -Not -Match 'asterisk:|api_key|Authorization'
        $records = Get-AriChannel -Id $call.Id -Verbose -Debug *>&1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($debug -join "`n") | Should -Match 'response body \(application/json, \d+ bytes\): \{.*"id":'
        $records = New-AriBridge -BridgeId 'safety-debug' -Variable @{ SAFETY_BODY = 'in the body' } -Verbose -Debug -Confirm:$false *>&1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message) -join "`n"
        $debug | Should -Match 'request body: \{.*SAFETY_BODY.*in the body'
        Remove-AriBridge -BridgeId 'safety-debug' -Confirm:$false
    }

    It '-Debug alone never asks: the HTTP lines go to the debug stream with the bodies' {
        # A runspace without a console: an Inquire prompt there would fail the command.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddCommand('Get-AriChannel').AddParameter('Id', $call.Id).AddParameter('Connection', $connection).AddParameter('Debug', $true)
            $channels = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $channels[0].Id | Should -Be $call.Id
            $debug = @($ps.Streams.Debug | ForEach-Object Message) -join "`n"
            $debug | Should -Match '(?m)^GET http://\S+/ari/channels/\S+ -> 200 OK \(\d+ ms\)$'
            $debug | Should -Match 'response body'
        }
        finally { $ps.Dispose() }
    }

    It '-Debug cuts long bodies' {
        $records = Get-AriSound -Verbose -Debug *>&1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $debug | Should -Not -BeNullOrEmpty
        $body = @($debug | Where-Object { $_ -like '*response body*' })
        $body.Count | Should -Be 1
        $body[0] | Should -Match '\.\.\. \[\d+ bytes in all\]$'
        $body[0].Length | Should -BeLessThan 2300
    }

    It 'every command run with -Verbose -Debug (errors allowed) never shows the password or its Basic form' {
        # Commands that end the session's objects run last, on their own objects.
        $last = 'Disconnect-Ari', 'Stop-AriEmulator'
        $order = @($commands | Where-Object Name -notin $last) + @($commands | Where-Object Name -in $last)
        $ran = 0
        $leaks = foreach ($command in $order) {
            $arguments = Get-PlausibleArgument $command
            switch ($command.Name) {
                'Disconnect-Ari' { $arguments['Connection'] = Connect-Ari $emulator.BaseUri $credential }
                'Stop-AriEmulator' { $arguments['Emulator'] = Start-AriEmulator -Port 0 -Credential $credential }
                'Start-AriEmulator' { $arguments['Credential'] = $credential }
                'Receive-AriEvent' { $arguments['Timeout'] = 0.2 }
                { $_ -like '*AriEmulator*' -and $_ -notin 'Start-AriEmulator', 'Stop-AriEmulator' } { $arguments['Emulator'] = $emulator }
            }
            if ($command.Parameters.ContainsKey('Confirm')) { $arguments['Confirm'] = $false }
            $text = (Invoke-Everything $command ($arguments + @{ Verbose = $true; Debug = $true })) -join "`n"
            $ran++
            if ($text.Contains($password)) { "$($command.Name) showed the password" }
            if ($text.Contains($basic)) { "$($command.Name) showed the Basic authorization" }
            if ($command.Name -eq 'Start-AriEmulator') { Get-AriEmulator | Where-Object { $_ -ne $emulator } | Stop-AriEmulator -Confirm:$false }
        }
        $ran | Should -Be $commands.Count
        $leaks | Should -BeNullOrEmpty
        $all = ($Error | ForEach-Object { $_.Exception.ToString() }) -join "`n"
        $all.Contains($password) | Should -BeFalse
        $all.Contains($basic) | Should -BeFalse
    }
}

Describe 'Credentials come only as PSCredential' {
    It 'no parameter of any command takes a password, secret or key as text or SecureString' {
        $bad = foreach ($command in $commands) {
            foreach ($parameter in $command.Parameters.Values) {
                $type = $parameter.ParameterType
                if ($type -eq [securestring]) { "$($command.Name) -$($parameter.Name) is a SecureString" }
                $names = @($parameter.Name) + @($parameter.Aliases)
                if ($type -ne [pscredential] -and ($names -match 'password|passwd|pwd|secret|token|apikey|api_key')) { "$($command.Name) -$($parameter.Name) ($type)" }
            }
        }
        $bad | Should -BeNullOrEmpty
        $credentialParameters = @($commands | ForEach-Object { $_.Parameters.Values } | Where-Object ParameterType -eq ([pscredential]))
        $credentialParameters.Count | Should -BeGreaterThan 1
        # -Credential, or -<What>Credential where a command takes two (Start-AriEmulator -OutboundCredential).
        $credentialParameters.Name | Sort-Object -Unique | Should -Be @('Credential', 'OutboundCredential')
    }
}
