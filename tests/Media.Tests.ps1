BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0 -Mailboxes   # /mailboxes as with res_mwi_external
    $connection = Connect-Ari $emulator.BaseUri $credential

    function Get-Impact([string] $Command) {
        (Get-Command $Command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact
    }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Get-AriSound' {
    It 'lists sounds (Sound objects with language/format pairs)' {
        $sounds = @(Get-AriSound)
        $sounds.Count | Should -BeGreaterThan 10
        $sounds[0] | Should -BeOfType PSAri.Model.Sound
        $sounds.Id | Should -Contain hello-world
        $sounds.Id | Should -Contain 'digits/1'
        $sounds[0].Connection | Should -Be $connection
    }

    It 'filters the pairs with -Lang and -Format' {
        $sounds = @(Get-AriSound -Lang en -Format gsm)
        $sounds.Count | Should -BeGreaterThan 0
        $sounds | ForEach-Object { $_.Formats.Count | Should -Be 1; $_.Formats[0].Language | Should -Be en; $_.Formats[0].Format | Should -Be gsm }
    }

    It 'writes 404 ObjectNotFound when no sound matches the filter' {
        Get-AriSound -Lang xx -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'No sounds found that matched the query'
    }

    It 'gets sounds by id, from the pipeline too, with a slash kept in one segment' {
        $sound = Get-AriSound -Id hello-world
        $sound | Should -BeOfType PSAri.Model.Sound
        $sound.Formats.Language | Should -Be @('en_US_f_Allison', 'en_US', 'en')
        ('digits/1', 'hello-world' | Get-AriSound).Id | Should -Be @('digits/1', 'hello-world')
    }

    It 'writes 404 ObjectNotFound naming an unknown sound, and goes on with the next id' {
        $found = Get-AriSound nosuchsound, beep -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Id | Should -Be beep
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Sound not found'
        $err[0].TargetObject | Should -Be nosuchsound
    }
}

Describe 'Device states' {
    It 'Set-AriDeviceState sets a Stasis: device (upper-case), Get-AriDeviceState reads it back and lists it' {
        Set-AriDeviceState -DeviceName Stasis:capfoo -DeviceState INUSE | Should -BeNullOrEmpty
        $state = Get-AriDeviceState Stasis:capfoo
        $state | Should -BeOfType PSAri.Model.DeviceState
        $state.State | Should -Be INUSE
        (Get-AriDeviceState).Name | Should -Contain Stasis:capfoo
        (Set-AriDeviceState Stasis:capfoo -State onhold -PassThru).State | Should -Be ONHOLD
    }

    It 'refuses a state outside the spec''s values before sending' {
        { Set-AriDeviceState Stasis:capfoo -DeviceState BOGUS } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.SetAriDeviceStateCommand'
        (Get-AriDeviceState Stasis:capfoo).State | Should -Be ONHOLD
    }

    It 'writes 409 InvalidOperation for a device ARI does not control' {
        Set-AriDeviceState PJSIP:capfoo INUSE -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be InvalidOperation
        $err[0].Exception.Message | Should -Be 'Uncontrolled device specified'
        $err[0].TargetObject | Should -Be PJSIP:capfoo
        Remove-AriDeviceState PJSIP:capfoo -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].CategoryInfo.Category | Should -Be InvalidOperation
    }

    It 'Remove-AriDeviceState removes it (UNKNOWN afterwards), from the pipeline too; -WhatIf sends nothing' {
        Get-AriDeviceState Stasis:capfoo | Remove-AriDeviceState -WhatIf
        (Get-AriDeviceState Stasis:capfoo).State | Should -Be ONHOLD
        Get-AriDeviceState Stasis:capfoo | Remove-AriDeviceState
        (Get-AriDeviceState Stasis:capfoo).State | Should -Be UNKNOWN
        (Get-AriDeviceState).Name | Should -Not -Contain Stasis:capfoo
        Set-AriDeviceState Stasis:capbar BUSY -WhatIf
        (Get-AriDeviceState Stasis:capbar).State | Should -Be UNKNOWN
        Get-Impact Set-AriDeviceState | Should -Be Medium
        Get-Impact Remove-AriDeviceState | Should -Be Medium
    }
}

Describe 'DeviceStateChanged' {
    It 'goes to the apps subscribed to the device, with the state in upper case; DELETE sends none' {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
            param($C, $Seen)
            Receive-AriEvent -Connection $C -App capsys | ForEach-Object { $Seen.Enqueue($_) }
        }
        try {
            Wait-Until { Test-AppListening $emulator capsys }
            $null = Add-AriApplicationSubscription -ApplicationName capsys -EventSource deviceState:Stasis:capsub
            Set-AriDeviceState Stasis:capsub -DeviceState inuse
            Set-AriDeviceState Stasis:capother -DeviceState BUSY
            Set-AriDeviceState Stasis:capsub -DeviceState ONHOLD
            Remove-AriDeviceState Stasis:capsub
            Wait-Until { $seen.Count -ge 2 }
            Start-Sleep -Milliseconds 200
            $events = @($seen)
            $events.Count | Should -Be 2
            $events[0] | Should -BeOfType PSAri.Model.DeviceStateChangedEvent
            $events[0].Application | Should -Be capsys
            $events.DeviceState.Name | Should -Be @('Stasis:capsub', 'Stasis:capsub')
            $events.DeviceState.State | Should -Be @('INUSE', 'ONHOLD')
            $events[0].Json | Should -Match '^\{"type":"DeviceStateChanged","application":"capsys","timestamp":"[^"]+","device_state":\{"name":"Stasis:capsub","state":"INUSE"\},"asterisk_id":'
        }
        finally {
            $bg.PowerShell.Stop()
            $bg.PowerShell.Dispose()
            Remove-AriDeviceState Stasis:capother
        }
    }
}

Describe 'Mailboxes' {
    It 'Set-AriMailbox creates and updates a mailbox; Get-AriMailbox lists and gets it' {
        Set-AriMailbox capbox@default -OldMessages 1 -NewMessages 2 | Should -BeNullOrEmpty
        $box = Get-AriMailbox capbox@default
        $box | Should -BeOfType PSAri.Model.Mailbox
        $box.OldMessages | Should -Be 1
        $box.NewMessages | Should -Be 2
        $updated = $box | Set-AriMailbox -OldMessages 3 -NewMessages 0 -PassThru
        $updated.OldMessages | Should -Be 3
        $updated.NewMessages | Should -Be 0
        (Get-AriMailbox).Name | Should -Contain capbox@default
    }

    It 'refuses negative counts before sending; -WhatIf sends nothing' {
        { Set-AriMailbox capbox@default -OldMessages 0 -NewMessages -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSAri.Commands.SetAriMailboxCommand'
        Set-AriMailbox capbox@default -OldMessages 9 -NewMessages 9 -WhatIf
        (Get-AriMailbox capbox@default).OldMessages | Should -Be 3
    }

    It 'Remove-AriMailbox deletes it; afterwards get and delete are 404 ObjectNotFound' {
        Remove-AriMailbox capbox@default -WhatIf
        (Get-AriMailbox capbox@default).Name | Should -Be capbox@default
        Get-AriMailbox capbox@default | Remove-AriMailbox
        Get-AriMailbox capbox@default -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].TargetObject | Should -Be capbox@default
        Remove-AriMailbox capbox@default -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].CategoryInfo.Category | Should -Be ObjectNotFound
        Get-Impact Remove-AriMailbox | Should -Be Medium
    }

    It 'without -Mailboxes the emulator has no /mailboxes, like a default build (transcripts 02, 08), and the error says why' {
        $plain = Start-AriEmulator -Port 0
        try {
            $c = Connect-Ari $plain.BaseUri (New-TestCredential)
            Get-AriMailbox -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'AriHttp404,PSAri.Commands.GetAriMailboxCommand'
            $err[0].Exception.Message | Should -Be 'Resource not found'
            $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*res_mwi_external*'
            Set-AriMailbox capbox -OldMessages 0 -NewMessages 1 -Connection $c -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].Exception.Message | Should -Be 'Resource not found'
            # Another path no module serves gets the general advice.
            Invoke-AriRequest GET nosuchresource -Connection $c -ErrorVariable err3 -ErrorAction SilentlyContinue
            $err3[0].ErrorDetails.RecommendedAction | Should -BeLike '*module that provides it is not loaded*'
            # A 404 about an object keeps ARI's own message and no advice.
            Get-AriChannel nosuchchannel -Connection $c -ErrorVariable err4 -ErrorAction SilentlyContinue
            $err4[0].ErrorDetails | Should -BeNullOrEmpty
        }
        finally {
            if ($c) { $c | Disconnect-Ari }
            $plain | Stop-AriEmulator
        }
    }
}

Describe 'Endpoints' {
    It 'Get-AriEndpoint lists none on a server without SIP endpoints' {
        @(Get-AriEndpoint).Count | Should -Be 0
    }

    It 'writes 404 ObjectNotFound for an unknown technology or endpoint' {
        Get-AriEndpoint -Technology PJSIP -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'No Endpoints found - invalid tech PJSIP'
        Get-AriEndpoint PJSIP nosuch -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].Exception.Message | Should -Be 'Endpoint not found'
        $err2[0].TargetObject | Should -Be PJSIP/nosuch
        $err2[0].Exception.Request | Should -BeLike '*/ari/endpoints/PJSIP/nosuch'
        [pscustomobject]@{ Technology = 'Bogus'; Resource = 'foo' } | Get-AriEndpoint -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3[0].Exception.Request | Should -BeLike '*/ari/endpoints/Bogus/foo'
    }

    It 'refuses -Resource without -Technology' {
        { Get-AriEndpoint -Resource alice } | Should -Throw -ErrorId 'AriResourceWithoutTechnology,PSAri.Commands.GetAriEndpointCommand'
    }

    It 'Send-AriEndpointMessage sends to a URI or an endpoint; an unknown destination is 404' {
        Send-AriEndpointMessage -To pjsip:nobody -From cap -Body hi -Variables @{ 'X-Test' = 1 } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Message | Should -Be 'Endpoint not found'
        $err[0].TargetObject | Should -Be pjsip:nobody
        $err[0].Exception.Request | Should -BeLike 'PUT */ari/endpoints/sendMessage?to=pjsip%3Anobody&from=cap&body=hi'
        Send-AriEndpointMessage -Technology PJSIP -Resource alice -From cap -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].Exception.Request | Should -BeLike 'PUT */ari/endpoints/PJSIP/alice/sendMessage?from=cap'
        $err2[0].TargetObject | Should -Be PJSIP/alice
        Send-AriEndpointMessage -To pjsip:nobody -From cap -WhatIf -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3.Count | Should -Be 0
    }

    It 'Send-AriEndpointRefer sends refer_to and to_self; an unknown destination is 404' {
        Send-AriEndpointRefer -To pjsip:nobody -From cap -ReferTo sip:1000@example.com -ToSelf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $err[0].Exception.Request | Should -BeLike 'POST */ari/endpoints/refer?to=pjsip%3Anobody&from=cap&refer_to=sip%3A1000%40example.com&to_self=true'
        [pscustomobject]@{ Technology = 'PJSIP'; Resource = 'alice' } | Send-AriEndpointRefer -From cap -ReferTo sip:bob -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].Exception.Request | Should -BeLike 'POST */ari/endpoints/PJSIP/alice/refer?from=cap&refer_to=sip%3Abob'
        Send-AriEndpointRefer -To pjsip:nobody -From cap -ReferTo sip:bob -WhatIf -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3.Count | Should -Be 0
    }
}
