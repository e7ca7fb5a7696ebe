# The emulator as a test kit for users' own Pester tests: Send-AriEmulatorDtmf, Wait-AriEmulatorRequest,
# about_PSAri_Testing, and the example test files in docs/examples (run here with Pester so they cannot rot).
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0 -Credential $credential
    $connection = Connect-Ari $emulator.BaseUri $credential
}

AfterAll {
    $connection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'docs/examples' {
    It 'MyIvr.Tests.ps1 and the test file in about_PSAri_Testing pass when run with Pester, as a user would run them' {
        # The about topic's example is a whole test file: run it too, from a folder of its own.
        $aboutText = Get-Content -Raw "$PSScriptRoot/../docs/en-US/about_PSAri_Testing.md"
        $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "psari-kit-$([guid]::NewGuid().ToString('n'))")
        [regex]::Match($aboutText, '(?s)# EXAMPLES.*?```powershell\n(.*?)```').Groups[1].Value | Set-Content "$folder/AboutTopic.Tests.ps1"
        # A process of its own (Pester inside Pester would share state), with PSAri found by name like an installed module.
        $paths = @("$PSScriptRoot/../docs/examples", "$folder/AboutTopic.Tests.ps1")
        $job = Start-Job -ArgumentList (Split-Path (Split-Path $env:PSARI_MODULE_PATH)), (Get-Module Pester).Path, $paths -ScriptBlock {
            param($ModulesRoot, $PesterPath, $Paths)
            $env:PSModulePath = $ModulesRoot + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module $PesterPath
            $config = New-PesterConfiguration
            $config.Run.Path = $Paths
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'None'
            $r = Invoke-Pester -Configuration $config
            [pscustomobject]@{ Passed = $r.PassedCount; Failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount
                Names = @($r.Tests | ForEach-Object ExpandedName); Errors = @($r.Failed | ForEach-Object { "$($_.ExpandedName): $($_.ErrorRecord)" }) }
        }
        try {
            $null = $job | Wait-Job -Timeout 50
            $job.State | Should -Be Completed
            $result = $job | Receive-Job
            $result.Errors | Should -BeNullOrEmpty
            $result.Failed | Should -Be 0
            $result.Passed | Should -Be 6
            $result.Names | Should -Contain 'puts the caller on hold on 2 and removes the bridge when the caller hangs up'
            $result.Names | Should -Contain 'greets the caller'
        }
        finally { $job | Remove-Job -Force; Remove-Item -Recurse -Force $folder }
    }

    It 'about_PSAri_Testing is in the help and names the example' {
        $topic = Get-Help -Name about_PSAri_Testing
        $topic.Name | Should -Be 'about_PSAri_Testing'
        "$($topic | Out-String)" | Should -Match 'MyIvr\.Tests\.ps1'
    }
}

Describe 'Send-AriEmulatorDtmf' {
    It 'delivers each digit to the channel in Stasis, in order, also when given the phone half' {
        $bg = Start-Background -Parameters @{ C = $connection } -Script { param($C) Receive-AriEvent -Connection $C -App kit -Type ChannelDtmfReceived -Count 4 }
        try {
            Wait-Until { Test-AppListening $emulator kit $credential }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension app-kit
            $call | Send-AriEmulatorDtmf -Emulator $emulator -Digits '1*'
            Wait-Until { $bg.Output.Count -ge 2 }   # each press is timed from when it is sent: one at a time
            $phone = @($emulator.GetChannels() | Where-Object Name -eq ($call.Name -replace ';2$', ';1'))[0]
            Send-AriEmulatorDtmf -Emulator $emulator -ChannelId $phone.Id -Digits '#9'
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 10
            $events = @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i] })
            @($events.Digit) | Should -Be @('1', '*', '#', '9')
            @($events.ChannelId | Sort-Object -Unique) | Should -Be $call.Id
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
    }

    It 'gives ObjectNotFound for an unknown channel, refuses non-DTMF digits, and presses nothing under -WhatIf' {
        Send-AriEmulatorDtmf -Emulator $emulator -ChannelId nosuch -Digits 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AriEmulatorChannelNotFound*'
        $err[0].CategoryInfo.Category | Should -Be ObjectNotFound
        { Send-AriEmulatorDtmf -Emulator $emulator -ChannelId nosuch -Digits '1x' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        # -WhatIf: no error for the unknown id either, since nothing is attempted.
        Send-AriEmulatorDtmf -Emulator $emulator -ChannelId nosuch -Digits 1 -WhatIf -ErrorVariable err2
        $err2 | Should -BeNullOrEmpty
    }
}

Describe 'Wait-AriEmulatorRequest' {
    It 'returns the matching request lines once there are -Count of them, matching the percent-decoded line too' {
        $emulator.ClearRequestLog()
        $later = Start-Background -Parameters @{ C = $connection } -Script {
            param($C)
            Start-Sleep -Milliseconds 300
            1..3 | ForEach-Object { $null = New-AriBridge -Connection $C -BridgeId "kit/$_" }
        }
        try {
            $lines = @(Wait-AriEmulatorRequest -Emulator $emulator -Like 'POST /ari/bridges/kit/? *' -Count 3)
            $lines | Should -Be @('POST /ari/bridges/kit%2F1 HTTP/1.1', 'POST /ari/bridges/kit%2F2 HTTP/1.1', 'POST /ari/bridges/kit%2F3 HTTP/1.1')
            @(Wait-AriEmulatorRequest -Emulator $emulator -Like 'POST /ari/bridges/kit%2F2 *') | Should -HaveCount 1
        }
        finally { $later.PowerShell.Dispose(); 1..3 | ForEach-Object { Remove-AriBridge -Connection $connection -BridgeId "kit/$_" -ErrorAction SilentlyContinue } }
    }

    It 'writes a timeout error and no lines when the requests do not come' {
        $emulator.ClearRequestLog()
        $null = Get-AriBridge -Connection $connection
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $lines = Wait-AriEmulatorRequest -Emulator $emulator -Like 'GET /ari/bridges *' -Count 2 -Timeout 0.3 -ErrorVariable err -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.3
        $lines | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AriEmulatorRequestTimeout*'
        $err[0].CategoryInfo.Category | Should -Be OperationTimeout
        $err[0].Exception.Message | Should -BeLike '*received 1 of 2*'
    }
}
