# Secret hygiene: the one test password (TestSecret.ps1) never shows in a connection, an event or the WebSocket URL;
# the end-of-run scan (Invoke-PesterRun.ps1 with Find-LeakedSecret.ps1) finds it in any form; emulators record
# their request lines for that scan.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${TestUser}:$TestPassword"))
    # Every form the scan looks for; none may appear in $Text.
    function Assert-NoSecret([string] $Text, [string] $What) {
        $Text | Should -Not -BeNullOrEmpty -Because "$What is checked"
        $Text.Contains($TestPassword, [StringComparison]::OrdinalIgnoreCase) | Should -BeFalse -Because "$What must not show the password"
        $Text.Contains($basic.TrimEnd('=')) | Should -BeFalse -Because "$What must not show the Basic credentials"
    }
}

Describe 'The password never shows in objects or URLs' {
    BeforeAll {
        $emulator = Start-AriEmulator -Port 0 -Credential $credential
        $connection = Connect-Ari $emulator.BaseUri $credential
    }
    AfterAll {
        $connection | Disconnect-Ari
        $emulator | Stop-AriEmulator
    }

    It 'is the password the tests use, and the xunit tests use the same' {
        $credential.GetNetworkCredential().Password | Should -Be $TestPassword
        Get-Content -Raw "$PSScriptRoot/PSAri.Tests/TestSecret.cs" | Should -BeLike "*Password = `"$TestPassword`"*"
    }

    It "is not in a connection's ToString(), its views or its serialized forms" {
        Assert-NoSecret $connection.ToString() 'ToString()'
        Assert-NoSecret ($connection | Format-List * | Out-String) 'Format-List *'
        Assert-NoSecret ($connection | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) 'ConvertTo-Json'
        Assert-NoSecret ([System.Management.Automation.PSSerializer]::Serialize($connection, 4)) 'CliXml'
    }

    It 'is not in events, serialized, nor in the WebSocket URL, nor in verbose output' {
        $emulator.ClearRequestLog()
        $bg = Start-Background -Parameters @{ C = $connection } -Script {
            param($C)
            Receive-AriEvent -Connection $C -App secrets -Count 4 -Timeout 20 -Verbose
        }
        try {
            Wait-Until { Test-AppListening $emulator secrets }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension app-secrets
            $call | Send-AriEmulatorDtmf -Emulator $emulator -Digits 1
            Wait-Until { $bg.Output.Count -ge 2 }
            $call | Stop-AriEmulatorCall -Emulator $emulator
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 20
            $events = @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i] })
            @($events.Type) | Should -Be @('StasisStart', 'ChannelDtmfReceived', 'ChannelHangupRequest', 'StasisEnd')
            foreach ($e in $events) {
                Assert-NoSecret ($e | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue) "$($e.Type) as JSON"
                Assert-NoSecret ([System.Management.Automation.PSSerializer]::Serialize($e, 6)) "$($e.Type) as CliXml"
                Assert-NoSecret ($e | Format-List * | Out-String -Width 400) "$($e.Type) formatted"
            }
            Assert-NoSecret (@($bg.PowerShell.Streams.Verbose) -join "`n") 'the verbose stream'
            # The WebSocket URL as it reached the server: the app, nothing else.
            @(@($emulator.RequestLog) -match '^GET /ari/events' | Sort-Object -Unique) | Should -Be @('GET /ari/events?app=secrets HTTP/1.1')
        }
        finally { $bg.PowerShell.Dispose() }
    }
}

Describe 'The end-of-run scan (Find-LeakedSecret.ps1)' {
    It 'finds the password as text, percent-escaped, in base64 and as Basic credentials, and nothing in clean files' {
        $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "psari-scan-$([guid]::NewGuid().ToString('n'))")
        try {
            $b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($TestPassword))
            Set-Content "$folder/clean.txt" "asterisk`nGET /ari/channels HTTP/1.1`nBasic YXN0ZXJpc2s6YXN0ZXJpc2s="
            Set-Content "$folder/plain.txt" "line one`nerror: $($TestPassword.ToUpperInvariant()) was rejected"
            $null = New-Item -ItemType Directory "$folder/sub"
            Set-Content "$folder/sub/run.trx" "<Output><StdOut>Authorization: Basic $basic</StdOut></Output>"
            Set-Content "$folder/escaped.log" "GET /ari/x?api_key=asterisk%3A$([uri]::EscapeDataString($TestPassword + '!'))"
            Set-Content "$folder/b64.json" "{`"p`":`"$($b64.TrimEnd('='))\u003D`"}"

            $hits = @(& "$PSScriptRoot/Find-LeakedSecret.ps1" -Path $folder -Password $TestPassword -User $TestUser)
            $hits | Should -Contain "$(Join-Path $folder 'plain.txt'):2: the password"
            $hits | Should -Contain "$(Join-Path $folder 'sub' 'run.trx'):1: the Basic credentials (user:password)"
            $hits | Should -Contain "$(Join-Path $folder 'escaped.log'):1: the password, percent-escaped"
            $hits | Should -Contain "$(Join-Path $folder 'b64.json'):1: the password in base64"
            $hits -like '*clean.txt*' | Should -BeNullOrEmpty
            ($hits -join "`n").Contains($TestPassword) | Should -BeFalse -Because 'the report never repeats the password'
        }
        finally { Remove-Item -Recurse -Force $folder }
    }

    It "gets this run's emulator request lines: every emulator a test starts appends them to the run's artifacts" {
        $env:PSARI_TEST_ARTIFACTS | Should -Not -BeNullOrEmpty -Because 'Invoke-PesterRun.ps1 collects what the run produces'
        $file = Join-Path $env:PSARI_TEST_ARTIFACTS 'emulator-requests.log'
        $e = Start-AriEmulator -Port 0
        try {
            $c = Connect-Ari $e.BaseUri $credential
            $null = Get-AriChannel -Connection $c -ChannelId "marker-$($e.Port)" -ErrorAction SilentlyContinue
            $c | Disconnect-Ari
        }
        finally { $e | Stop-AriEmulator }
        Get-Content $file | Should -Contain "GET /ari/channels/marker-$($e.Port) HTTP/1.1"
    }
}

Describe 'Start-AriEmulator -RequestLogPath' {
    It 'appends every request line to the file, as RequestLog keeps them, and refuses a path it cannot write' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "psari-requests-$([guid]::NewGuid().ToString('n')).log"
        $e = Start-AriEmulator -Port 0 -RequestLogPath $file
        try {
            $c = Connect-Ari $e.BaseUri $credential
            $null = Invoke-RestMethod ([uri]::new($e.BaseUri, "ari/asterisk/ping?api_key=${TestUser}:$TestPassword"))
            $null = Get-AriBridge -Connection $c
            $c | Disconnect-Ari
            @(Get-Content $file) | Should -Be @($e.RequestLog)
            @(Get-Content $file) | Should -Contain 'GET /ari/asterisk/ping?api_key=REDACTED HTTP/1.1'
        }
        finally { $e | Stop-AriEmulator; Remove-Item $file -ErrorAction SilentlyContinue }
        { Start-AriEmulator -Port 0 -RequestLogPath (Join-Path $file 'no' 'such' 'folder.log') } | Should -Throw -ErrorId 'AriEmulatorRequestLogFailed,*'
    }
}
