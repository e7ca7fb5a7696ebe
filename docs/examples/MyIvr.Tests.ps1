<#
A Pester test of MyIvr.ps1 against PSAri's ARI emulator: no Asterisk, no phone.
The emulator plays the phone (New-AriEmulatorCall, Send-AriEmulatorDtmf, Stop-AriEmulatorCall) and records the
request line of every ARI call the script makes; Wait-AriEmulatorRequest waits for one and returns it.
Run it with: Invoke-Pester ./MyIvr.Tests.ps1
#>
BeforeAll {
    Import-Module PSAri
    $credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
    $emulator = Start-AriEmulator -Credential $credential
    $emulator.AddExtension('2000', 'my-ivr')   # the dialplan: 2000 -> Stasis(my-ivr)

    # The script under test runs as in production: in the background, with its own connection.
    $ivr = Start-ThreadJob -FilePath (Join-Path $PSScriptRoot 'MyIvr.ps1') -ArgumentList $emulator.BaseUri, $credential

    # As on Asterisk, a call into an app that no one listens to is hung up at once: wait for the script's socket.
    $null = Connect-Ari -BaseUri $emulator.BaseUri -Credential $credential
    $deadline = [datetime]::UtcNow.AddSeconds(10)
    while (-not (Get-AriApplication -Name my-ivr -ErrorAction Ignore)) {
        if ([datetime]::UtcNow -gt $deadline) { throw "MyIvr.ps1 did not start listening: $($ivr | Receive-Job -Keep 2>&1)" }
        Start-Sleep -Milliseconds 50
    }
}

AfterAll {
    $ivr | Stop-Job -PassThru | Remove-Job -Force
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'MyIvr' {
    BeforeEach {
        # A phone dials 2000; the call is in Stasis(my-ivr) when New-AriEmulatorCall returns.
        $call = New-AriEmulatorCall -Extension 2000
        $channel = "/ari/channels/$($call.Id)"
    }

    It 'answers and plays the menu' {
        Wait-AriEmulatorRequest -Like "POST $channel/answer *" | Should -HaveCount 1
        Wait-AriEmulatorRequest -Like "POST $channel/play?media=sound:demo-congrats*" | Should -HaveCount 1
        $call | Stop-AriEmulatorCall
    }

    It 'plays the opening hours on 1' {
        $null = Wait-AriEmulatorRequest -Like "POST $channel/answer *"
        $call | Send-AriEmulatorDtmf -Digits 1
        Wait-AriEmulatorRequest -Like "POST $channel/play?media=sound:hello-world*" | Should -HaveCount 1
        $call | Stop-AriEmulatorCall
    }

    It 'hangs up on #' {
        $null = Wait-AriEmulatorRequest -Like "POST $channel/answer *"
        $call | Send-AriEmulatorDtmf -Digits '#'
        Wait-AriEmulatorRequest -Like "DELETE $channel *" | Should -HaveCount 1
    }

    It 'puts the caller on hold on 2 and removes the bridge when the caller hangs up' {
        $null = Wait-AriEmulatorRequest -Like "POST $channel/answer *"
        $call | Send-AriEmulatorDtmf -Digits 2
        $added = Wait-AriEmulatorRequest -Like "POST /ari/bridges/*/addChannel?channel=$($call.Id)*"
        $bridgeId = ($added -split '[/?]')[3]
        Wait-AriEmulatorRequest -Like "POST /ari/bridges/$bridgeId/moh *" | Should -HaveCount 1

        $call | Stop-AriEmulatorCall   # the caller gives up waiting
        Wait-AriEmulatorRequest -Like "DELETE /ari/bridges/$bridgeId *" | Should -HaveCount 1
    }

    It 'reported no errors' {
        $ivr.State | Should -Be Running
        $ivr.ChildJobs[0].Error | Should -BeNullOrEmpty
    }
}
