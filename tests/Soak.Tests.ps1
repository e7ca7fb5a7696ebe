# The soak (bench/Soak.ps1, docs/soak.md) in a reduced size, in a process of its own: the card's pipeline and a
# flood on the emulator lose nothing and raise no errors; a broken limit makes the script exit 1.
# (Memory flatness is the full-size run's figure: over a few thousand items, warm-up is still noise.)
BeforeAll {
    . $PSScriptRoot/Common.ps1
    function Invoke-Soak([hashtable] $Arguments) {
        $job = Start-Job -ArgumentList "$PSScriptRoot/../bench/Soak.ps1", $env:PSARI_MODULE_PATH, $Arguments, (New-TestCredential) -ScriptBlock {
            param($Soak, $Module, $Arguments, $Credential)
            $results = & $Soak @Arguments -ModulePath $Module -Credential $Credential -PassThru 6>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.InformationRecord]) { $script:lines += , "$_" } else { $_ }
            }
            [pscustomobject]@{ Results = $results; Exit = $LASTEXITCODE; Lines = $script:lines }
        }
        try {
            $null = $job | Wait-Job -Timeout 50
            $job.State | Should -Be Completed
            $job | Receive-Job
        }
        finally { $job | Remove-Job -Force }
    }
}

Describe 'bench/Soak.ps1' {
    It "pushes 300 calls through the card's pipeline and 30,000 events through Receive-AriEvent: nothing lost, no errors" {
        $run = Invoke-Soak @{ Calls = 300; Events = 30000; MaxGrowthMB = 1000 }
        $run.Exit | Should -Be 0
        $calls = $run.Results | Where-Object Part -eq calls
        $events = $run.Results | Where-Object Part -eq events
        $calls.Items | Should -Be 300
        $calls.Lost | Should -Be 0
        $calls.Errors | Should -Be 0
        $calls.Detail | Should -Match '\bStasisStart=300\b'
        $events.Items | Should -Be 30000
        $events.Lost | Should -Be 0
        $events.Errors | Should -Be 0
        foreach ($r in $run.Results) { $r.StartMB, $r.WarmUpMB, $r.MiddleMB, $r.EndMB | Should -BeGreaterThan 0 }
        $run.Lines -join "`n" | Should -Match 'All limits held'
    }

    It 'exits 1 and says which limit broke' {
        $run = Invoke-Soak @{ Calls = 10; Events = 1000; MaxGrowthMB = -1000 }
        $run.Exit | Should -Be 1
        $run.Lines -join "`n" | Should -Match 'LIMIT BROKEN: calls: the working set grew'
    }
}
