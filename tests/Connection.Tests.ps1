BeforeAll {
    . $PSScriptRoot/Common.ps1
    $emulator = Start-AriEmulator -Port 0
    $credential = New-TestCredential

    # A plain web server that is not ARI: answers every request with a small HTML page.
    function Start-PlainWebServer {
        param([int] $Status = 200)
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $ps = [powershell]::Create().AddScript({
            param($Listener, $Status)
            while ($true) {
                $client = $Listener.AcceptTcpClient()
                $stream = $client.GetStream()
                $buffer = [byte[]]::new(8192)
                $null = $stream.Read($buffer, 0, $buffer.Length)
                $body = '<html><body>It works!</body></html>'
                $text = "HTTP/1.1 $Status Whatever`r`nContent-Type: text/html`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n$body"
                $bytes = [Text.Encoding]::ASCII.GetBytes($text)
                $stream.Write($bytes, 0, $bytes.Length)
                $client.Close()
            }
        }).AddArgument($listener).AddArgument($Status)
        $null = $ps.BeginInvoke()
        [pscustomobject]@{ Listener = $listener; PowerShell = $ps; Uri = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/" }
    }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Connect-Ari' {
    It 'checks the server and returns a connection that shows the server but never the password' {
        $secret = $TestPassword
        $e2 = Start-AriEmulator -Port 0 -Credential (New-TestCredential -Password $secret)
        try {
            $c = Connect-Ari -BaseUri $e2.BaseUri -Credential (New-TestCredential -Password $secret)
            $c.BaseUri | Should -Be $e2.BaseUri
            $c.UserName | Should -Be 'asterisk'
            $c.AsteriskVersion | Should -Be '22.10.1'
            $c.EntityId | Should -Match '^([0-9a-f]{2}:){5}[0-9a-f]{2}$'
            ($c | Format-List * | Out-String) | Should -Not -Match $secret
            ($c | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) | Should -Not -Match $secret
            $c.ToString() | Should -Not -Match $secret
            Get-AriConnection -Default | Should -Be $c
            $c | Disconnect-Ari
        }
        finally { $e2 | Stop-AriEmulator }
    }

    It 'accepts the URI with /ari at the end' {
        $c = Connect-Ari -BaseUri ([uri]::new($emulator.BaseUri, 'ari')) -Credential $credential
        $c.BaseUri | Should -Be $emulator.BaseUri
        $c | Disconnect-Ari
    }

    It 'makes the newest connection the default and lists them all' {
        $a = Connect-Ari $emulator.BaseUri $credential
        $b = Connect-Ari $emulator.BaseUri $credential
        Get-AriConnection -Default | Should -Be $b
        (Get-AriConnection) | Should -Contain $a
        (Get-AriConnection) | Should -Contain $b
        Disconnect-Ari
        Get-AriConnection -Default | Should -Be $a
        $a | Disconnect-Ari
        Get-AriConnection | Should -BeNullOrEmpty
    }

    It 'fails with an authentication error when the password is wrong, without showing it' {
        $err = $null
        try { Connect-Ari $emulator.BaseUri (New-TestCredential -Password 'wrong-pw-4711') } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.FullyQualifiedErrorId | Should -BeLike 'AriHttp401,*'
        $err.Exception.Message | Should -Match 'rejected the user name or password'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'wrong-pw-4711'
        Get-AriConnection | Should -BeNullOrEmpty
    }

    It 'refuses a user name with a colon before sending anything, in Connect-Ari and Receive-AriOutboundEvent alike' {
        $before = @($emulator.RequestLog).Count
        $bad = New-TestCredential -User 'ast:erisk'
        { Connect-Ari $emulator.BaseUri $bad } | Should -Throw -ErrorId 'AriInvalidCredential,*'
        { Receive-AriOutboundEvent -Port 0 -Credential $bad -Timeout 0.1 } | Should -Throw -ErrorId 'AriInvalidCredential,*'
        @($emulator.RequestLog).Count | Should -Be $before
    }

    It 'fails with a connection error naming the URI when nothing listens' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $err = $null
        try { Connect-Ari "http://127.0.0.1:$port" $credential } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match ([regex]::Escape("http://127.0.0.1:$port/"))
    }

    It 'says so when the server is not ARI (<Status>)' -ForEach @(@{ Status = 200 }, @{ Status = 404 }) {
        $web = Start-PlainWebServer -Status $Status
        try {
            $err = $null
            try { Connect-Ari $web.Uri $credential } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.Exception.Message | Should -Match 'not an Asterisk ARI endpoint'
            $err.Exception.Message | Should -Match ([regex]::Escape($web.Uri))
        }
        finally { $web.Listener.Stop(); $web.PowerShell.Stop() }
    }

    It 'refuses <Uri> before sending anything' -ForEach @(
        @{ Uri = 'ftp://127.0.0.1:8088/' }
        @{ Uri = 'http://asterisk:secret@127.0.0.1:8088/' }
    ) {
        $err = $null
        try { Connect-Ari $Uri $credential } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Not -Match 'secret'
    }
}

Describe 'Cmdlets without a connection' {
    It 'say how to connect' {
        Get-AriConnection | Disconnect-Ari
        $err = $null
        try { Get-AriChannel } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AriNoConnection,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Ari'
    }

    It 'refuse a closed connection' {
        $c = Connect-Ari $emulator.BaseUri $credential
        $c | Disconnect-Ari
        $err = $null
        try { Get-AriChannel -Connection $c } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AriConnectionClosed,*'
    }
}

Describe 'Runspaces' {
    It 'each have their own default connection' {
        $c = Connect-Ari $emulator.BaseUri $credential
        $other = [powershell]::Create().AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement().AddCommand('Get-AriConnection')
        $other.Invoke() | Should -BeNullOrEmpty
        $other.Dispose()
        $c | Disconnect-Ari
    }
}

Describe 'A read-only ARI user' {
    It 'Start-AriEmulator -ReadOnlyCredential: the user reads and receives events; anything else is 403 PermissionDenied' {
        $viewer = New-TestCredential -User viewer
        $e2 = Start-AriEmulator -Port 0 -ReadOnlyCredential $viewer
        try {
            $c = Connect-Ari $e2.BaseUri $viewer
            @(Get-AriChannel -Connection $c).Count | Should -Be 0
            $feed = Start-Background -Parameters @{ C = $c } -Script { param($C) Receive-AriEvent -App viewer-app -Connection $C -Count 1 }
            Wait-Until { Test-AppListening $e2 viewer-app }
            $feed.PowerShell.Stop(); $feed.PowerShell.Dispose()
            New-AriChannel -Endpoint Local/wait@default -Extension wait -Connection $c -ErrorVariable denied -ErrorAction SilentlyContinue
            $denied[0].FullyQualifiedErrorId | Should -Be 'AriHttp403,PSAri.Commands.NewAriChannelCommand'
            $denied[0].CategoryInfo.Category | Should -Be PermissionDenied
            $denied[0].Exception.Message | Should -Be 'Write access denied'
            # The read-write user is still the one of -Credential (asterisk by default).
            $rw = Connect-Ari $e2.BaseUri $credential
            $made = New-AriChannel -Endpoint Local/wait@default -Extension wait -Connection $rw
            $made | Remove-AriChannel
        }
        finally {
            Get-AriConnection | Where-Object BaseUri -eq $e2.BaseUri | Disconnect-Ari
            $e2 | Stop-AriEmulator
        }
    }

    It 'refuses a read-only user with the read-write user''s name' {
        { Start-AriEmulator -Port 0 -ReadOnlyCredential (New-TestCredential) } | Should -Throw -ErrorId 'AriEmulatorUserTwice,PSAri.Commands.StartAriEmulatorCommand'
    }
}
