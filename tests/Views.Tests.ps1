# Default views (PSAri.Format.ps1xml): every output type has one, and each fits an 80-column terminal.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0 -Mailboxes
    $connection = Connect-Ari $emulator.BaseUri $credential

    # Renders objects as the console would at 80 columns; fails on any line wider than that.
    function Show-At80 {
        param([Parameter(Mandatory)] [object[]] $InputObject)
        $text = $InputObject | Out-String -Width 80
        $wide = @($text -split "`r?`n" | Where-Object { $_.Length -gt 80 })
        $wide | Should -BeNullOrEmpty -Because "no line may exceed 80 columns:`n$text"
        $text
    }

    # Long values everywhere: the views must cut them, not widen the table.
    $long = 'x' * 70
    $uuid = [guid]::NewGuid().ToString()
    $stamp = [DateTimeOffset]::new(2026, 11, 27, 18, 30, 15, 123, [TimeSpan]::Zero)
    $M = 'PSAri.Model'
    $constructed = [ordered]@{
        "$M.Channel"         = New-Object "$M.Channel" -Property @{ Id = "1764268215.$long"; Name = "PJSIP/$long"; State = 'Up'; Caller = (New-Object "$M.CallerId" -Property @{ Name = $long; Number = '1000' }); Dialplan = (New-Object "$M.DialplanCep" -Property @{ Context = $long; Exten = '1000'; Priority = 3 }) }
        "$M.Bridge"          = New-Object "$M.Bridge" -Property @{ Id = $uuid; BridgeType = 'mixing'; Name = $long; ChannelIds = @('a', 'b'); Creator = "Stasis $long" }
        "$M.Playback"        = New-Object "$M.Playback" -Property @{ Id = $uuid; State = 'playing'; MediaUri = "sound:$long"; TargetUri = "channel:$long" }
        "$M.LiveRecording"   = New-Object "$M.LiveRecording" -Property @{ Name = $long; Format = 'wav'; State = 'recording'; Duration = 12; TargetUri = "channel:$long" }
        "$M.StoredRecording" = New-Object "$M.StoredRecording" -Property @{ Name = $long; Format = 'wav' }
        "$M.Sound"           = New-Object "$M.Sound" -Property @{ Id = "digits/$long"; Text = $long; Formats = @((New-Object "$M.FormatLangPair" -Property @{ Language = 'en'; Format = 'gsm' }), (New-Object "$M.FormatLangPair" -Property @{ Language = 'fr'; Format = 'wav' })) }
        "$M.FormatLangPair"  = New-Object "$M.FormatLangPair" -Property @{ Language = $long; Format = $long }
        "$M.DeviceState"     = New-Object "$M.DeviceState" -Property @{ Name = "Stasis:$long"; State = 'INUSE' }
        "$M.Mailbox"         = New-Object "$M.Mailbox" -Property @{ Name = "$long@default"; NewMessages = 3; OldMessages = 12 }
        "$M.Endpoint"        = New-Object "$M.Endpoint" -Property @{ Technology = 'PJSIP'; Resource = $long; State = 'online'; ChannelIds = @('1', '2') }
        "$M.TextMessage"     = New-Object "$M.TextMessage" -Property @{ From = "pjsip:$long"; To = "pjsip:$long"; Body = $long }
        "$M.Application"     = New-Object "$M.Application" -Property @{ Name = $long; ChannelIds = @('1'); BridgeIds = @(); EndpointIds = @("PJSIP/$long") }
        "$M.AsteriskModule"  = New-Object "$M.AsteriskModule" -Property @{ Name = "res_$long.so"; Status = 'Running'; UseCount = 1234; SupportLevel = 'core'; Description = $long }
        "$M.LogChannel"      = New-Object "$M.LogChannel" -Property @{ Channel = "/var/log/asterisk/$long"; Type = 'File'; Status = 'Enabled'; Configuration = $long }
        "$M.Variable"        = New-Object "$M.Variable" -Property @{ Value = $long * 2 }
        "$M.ChannelVariable" = [PSAri.Model.ChannelVariable]::new("1764268215.$long", "CALLERID($long)", $long, $null)
        "$M.ConfigTuple"     = New-Object "$M.ConfigTuple" -Property @{ Attribute = $long; Value = $long }
        "$M.AsteriskPing"    = New-Object "$M.AsteriskPing" -Property @{ Ping = 'pong'; Timestamp = $stamp; AsteriskId = '00:11:22:33:44:55' }
        "$M.CallerId"        = New-Object "$M.CallerId" -Property @{ Name = $long; Number = $long }
        "$M.DialplanCep"     = New-Object "$M.DialplanCep" -Property @{ Context = $long; Exten = $long; Priority = 1; AppName = $long }
        "$M.AriMessage"      = New-Object "$M.AriMessage" -Property @{ Type = "Missing$long"; AsteriskId = '00:11:22:33:44:55' }
        "$M.AriEvent"        = New-Object "$M.PlaybackStartedEvent" -Property @{ Type = 'PlaybackStarted'; Timestamp = $stamp; Application = $long; Playback = (New-Object "$M.Playback" -Property @{ Id = $uuid }) }
        "$M.AsteriskInfo"    = New-Object "$M.AsteriskInfo" -Property @{ System = (New-Object "$M.SystemInfo" -Property @{ Version = '22.10.1'; EntityId = '00:11:22:33:44:55' }); Config = (New-Object "$M.ConfigInfo" -Property @{ Name = $long; DefaultLanguage = 'en' }); Build = (New-Object "$M.BuildInfo" -Property @{ Os = 'Linux'; Machine = 'x86_64' }); Status = (New-Object "$M.StatusInfo" -Property @{ StartupTime = $stamp; LastReloadTime = $stamp }) }
        "$M.RtpStat"         = New-Object "$M.RtpStat" -Property @{ TxCount = 100; RxCount = 99; ChannelId = $long }
        "$M.VariableSet"     = New-Object "$M.VariableSet" -Property @{ Variables = ([System.Collections.Generic.Dictionary[string, string]]::new()) }
    }
    $constructed["$M.VariableSet"].Variables['Z_LAST'] = $long
    $constructed["$M.VariableSet"].Variables['A_FIRST'] = 'one'

    # The columns (table) or labels (list) that must show, per type.
    $keyColumns = @{
        "$M.Channel" = 'Id', 'Name', 'State', 'Caller', 'Dialplan'
        "$M.Bridge" = 'Id', 'Type', 'Name', 'Channels'
        "$M.Playback" = 'Id', 'State', 'MediaUri', 'TargetUri'
        "$M.LiveRecording" = 'Name', 'State', 'Format', 'Duration', 'TargetUri'
        "$M.StoredRecording" = 'Name', 'Format'
        "$M.Sound" = 'Id', 'Languages', 'Text'
        "$M.FormatLangPair" = 'Language', 'Format'
        "$M.DeviceState" = 'Name', 'State'
        "$M.Mailbox" = 'Name', 'New', 'Old'
        "$M.Endpoint" = 'Technology', 'Resource', 'State', 'Channels'
        "$M.TextMessage" = 'From', 'To', 'Body'
        "$M.Application" = 'Name', 'Channels', 'Bridges', 'Endpoints'
        "$M.AsteriskModule" = 'Name', 'Status', 'Use', 'Support', 'Description'
        "$M.LogChannel" = 'Channel', 'Type', 'Status', 'Configuration'
        "$M.Variable" = @('Value')
        "$M.ChannelVariable" = 'ChannelId', 'Name', 'Value'
        "$M.ConfigTuple" = 'Attribute', 'Value'
        "$M.AsteriskPing" = 'Ping', 'Timestamp', 'AsteriskId'
        "$M.CallerId" = 'Name', 'Number'
        "$M.DialplanCep" = 'Context', 'Exten', 'Priority', 'AppName'
        "$M.AriMessage" = 'Type', 'AsteriskId'
        "$M.AriEvent" = 'Timestamp', 'Type', 'Application', 'Object'
        "$M.AsteriskInfo" = 'Version', 'EntityId', 'StartupTime'
        "$M.RtpStat" = 'TxCount', 'RxCount', 'Rtt'
        "$M.VariableSet" = @('Variables')
        'PSAri.Client.AriConnection' = 'Name', 'BaseUri', 'UserName', 'AsteriskVersion', 'EntityId'
        'PSAri.Emulator.AriEmulator' = 'Port', 'BaseUri', 'UserName'
        'PSAri.Emulator.AriEmulatorFault' = 'Kind', 'Match', 'Answer', 'Count', 'Hits'
    }
}

BeforeDiscovery {
    $modelCases = @('Channel', 'Bridge', 'Playback', 'LiveRecording', 'StoredRecording', 'Sound', 'FormatLangPair', 'DeviceState',
        'Mailbox', 'Endpoint', 'TextMessage', 'Application', 'AsteriskModule', 'LogChannel', 'Variable', 'ChannelVariable', 'ConfigTuple',
        'AsteriskPing', 'CallerId', 'DialplanCep', 'AriMessage', 'AriEvent', 'AsteriskInfo', 'RtpStat', 'VariableSet') |
        ForEach-Object { @{ Type = "PSAri.Model.$_" } }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Every output type has a default view' {
    It 'covers each type named by an exported cmdlet''s [OutputType] (or a base class of it)' {
        $module = Get-Module PSAri
        $types = foreach ($command in $module.ExportedCmdlets.Values) {
            foreach ($attribute in $command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)) {
                foreach ($name in $attribute.Type) { if ($name.Type) { $name.Type } }
            }
        }
        # void is not output; FileInfo is PowerShell's own; AriObject is the base of every model (a cmdlet that may
        # return any model names it) and each model has its own view.
        $ours = @($types | Sort-Object FullName -Unique | Where-Object {
                $_ -ne [void] -and $_.Namespace -like 'PSAri*' -and $_.FullName -ne 'PSAri.Model.AriObject' })
        $ours.Count | Should -BeGreaterThan 10
        $missing = foreach ($type in $ours) {
            $candidates = @(); $t = $type
            while ($t -and $t -ne [object]) { $candidates += $t.FullName; $t = $t.BaseType }
            if (-not (Get-FormatData -TypeName $candidates -ErrorAction SilentlyContinue)) { $type.FullName }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'tests every view in the format file' {
        $inFile = ([xml](Get-Content (Join-Path $env:PSARI_MODULE_PATH 'PSAri.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View |
            ForEach-Object { $_.ViewSelectedBy.TypeName }
        $untested = @($inFile | Where-Object { -not $keyColumns.ContainsKey($_) -or ($_ -like 'PSAri.Model.*' -and -not $constructed.Contains($_)) })
        $untested | Should -BeNullOrEmpty
    }
}

Describe 'Views of constructed objects with long values' {
    It '<Type> fits 80 columns and shows its key columns' -TestCases $modelCases {
        param($Type)
        $object = $constructed[$Type]
        $object | Should -Not -BeNullOrEmpty
        $text = Show-At80 @($object, $object)
        foreach ($column in $keyColumns[$Type]) { $text | Should -Match "(?m)(^|\s)$column(\s|:|$)" }
    }

    It 'a table view stays a table with the long values cut, not wrapped' {
        $text = Show-At80 @($constructed['PSAri.Model.Bridge'])
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3   # header, dashes, one row
        $lines[2] | Should -Match ([regex]::Escape($uuid))
    }

    It 'the event view names the object the event is about' {
        $text = Show-At80 @($constructed['PSAri.Model.AriEvent'])
        $text | Should -Match "playback:$([regex]::Escape($uuid.Substring(0, 8)))"
        $text | Should -Match '\d\d:30:15\.123'
    }

    It 'VariableSet lists its variables sorted' {
        $text = Show-At80 @($constructed['PSAri.Model.VariableSet'])
        $text.IndexOf('A_FIRST=one') | Should -BeLessThan $text.IndexOf('Z_LAST=')
        $text.IndexOf('A_FIRST=one') | Should -BeGreaterThan -1
    }

    It 'Format-List * still shows every property' {
        $text = $constructed['PSAri.Model.Bridge'] | Format-List * | Out-String -Width 80
        foreach ($property in 'Technology', 'BridgeClass', 'CreationTime', 'VideoMode') { $text | Should -Match "(?m)^$property\s*:" }
    }
}

Describe 'Views of real objects from the emulator' {
    It 'the connection and the emulator' {
        $text = Show-At80 @($connection)
        $text | Should -Match ([regex]::Escape($emulator.BaseUri.ToString()))
        $text | Should -Match '22\.10\.1'
        $text = Show-At80 @($emulator)
        $text | Should -Match "\b$($emulator.Port)\b"
    }

    It 'bridges, sounds, endpoints, device states and mailboxes' {
        & {
            $bridge = New-AriBridge -Name 'views bridge' -Type mixing
            $text = Show-At80 @(Get-AriBridge -Id $bridge.Id)
            $text | Should -Match 'views bridge'
            $text | Should -Match 'mixing'
            $sounds = @(Get-AriSound)
            $sounds.Count | Should -BeGreaterThan 0
            $text = Show-At80 $sounds
            $text | Should -Match 'hello-world'
            $endpoints = @(Get-AriEndpoint)
            if ($endpoints.Count) { $null = Show-At80 $endpoints }
            Set-AriDeviceState -DeviceName 'Stasis:views-lamp' -DeviceState INUSE
            $text = Show-At80 @(Get-AriDeviceState -DeviceName 'Stasis:views-lamp')
            $text | Should -Match 'Stasis:views-lamp\s+INUSE'
            Set-AriMailbox -MailboxName 'views@default' -OldMessages 2 -NewMessages 5
            $text = Show-At80 @(Get-AriMailbox -MailboxName 'views@default')
            $text | Should -Match 'views@default\s+5\s+2'
            Remove-AriBridge -BridgeId $bridge.Id -Confirm:$false
        }
    }

    It 'channels, playbacks, live and stored recordings, variables and events of a call in an app' {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
            param($C, $Seen)
            Receive-AriEvent -Connection $C -App views-app | ForEach-Object { $Seen.Enqueue($_) }
        }
        try {
            Wait-Until { Test-AppListening $emulator views-app }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension app-views-app
            Wait-Until { @($seen | Where-Object Type -eq StasisStart).Count -ge 1 }
            $text = Show-At80 @(Get-AriChannel)
            $text | Should -Match ([regex]::Escape($call.Id))
            $playback = Invoke-AriChannelPlay -ChannelId $call.Id -Media 'tone:ring'
            $text = Show-At80 @($playback)
            $text | Should -Match ([regex]::Escape($playback.Id))
            $recording = Start-AriChannelRecording -ChannelId $call.Id -Name 'views-rec' -Format wav
            $text = Show-At80 @($recording)
            $text | Should -Match 'views-rec'
            Wait-Until { @($seen | Where-Object Type -eq RecordingStarted).Count -ge 1 }
            $text = Show-At80 @($seen.ToArray())
            $text | Should -Match "channel:$([regex]::Escape($call.Id))"
            $text | Should -Match 'StasisStart'
            Stop-AriLiveRecording -RecordingName 'views-rec' -Confirm:$false
            Wait-Until { @(Get-AriStoredRecording -ErrorAction SilentlyContinue | Where-Object Name -eq 'views-rec').Count -eq 1 }
            $text = Show-At80 @(Get-AriStoredRecording -RecordingName 'views-rec')
            $text | Should -Match 'views-rec\s+wav'
            Set-AriChannelVariable -ChannelId $call.Id -Name VIEWS_VAR -Value 'some value'
            $text = Show-At80 @(Get-AriChannelVariable -ChannelId $call.Id -Name VIEWS_VAR)
            $text | Should -Match "$([regex]::Escape($call.Id))\s+VIEWS_VAR\s+some value"
            Stop-AriPlayback -PlaybackId $playback.Id -Confirm:$false
        }
        finally {
            $bg.PowerShell.Stop(); $bg.PowerShell.Dispose()
            if ($call) { Stop-AriEmulatorCall -Emulator $emulator -ChannelId $call.Id -Confirm:$false -ErrorAction SilentlyContinue }
        }
    }
}
