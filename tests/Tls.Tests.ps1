# TLS for real: nginx (Debian package nginx-light) terminates https:// and wss:// in front of the emulator,
# with certificates this file makes in a temp folder (a CA, a server certificate it issued, another CA and a
# self-signed one). Each nginx runs in the foreground as a child process with its own prefix, config, pid and logs.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $nginx = (Get-Command nginx -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    if (-not $nginx -and (Test-Path /usr/sbin/nginx)) { $nginx = '/usr/sbin/nginx' }
    if (-not $nginx) { throw "The TLS tests need nginx: install the Debian package nginx-light (apt-get install -y nginx-light); .ci/run and build.ps1 -Task Test do it when they can." }

    $dir = Join-Path ([IO.Path]::GetTempPath()) "psari-tls-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $null = New-Item -ItemType Directory $dir

    # A certificate from pwsh's CertificateRequest: a CA when -Authority, else a server certificate for -DnsName
    # (issued by -Issuer, or self-signed).
    function New-TestCertificate([string] $Subject, [string[]] $DnsName, $Issuer, [switch] $Authority) {
        $key = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, 'SHA256')
        $extensions = $request.CertificateExtensions
        $extensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($Authority.IsPresent, $false, 0, $true))
        $extensions.Add([Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($request.PublicKey, $false))
        if ($Authority) {
            $extensions.Add([Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
        }
        else {
            $extensions.Add([Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('DigitalSignature', $true))
            $usages = [Security.Cryptography.OidCollection]::new()
            $null = $usages.Add([Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
            $extensions.Add([Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($usages, $false))
            $names = [Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
            $DnsName | ForEach-Object { $names.AddDnsName($_) }
            $extensions.Add($names.Build())
        }
        $from = [DateTimeOffset]::UtcNow.AddDays(-1)
        $to = [DateTimeOffset]::UtcNow.AddDays($(if ($Authority) { 60 } else { 30 }))   # within the issuer's validity
        if (-not $Issuer) { return $request.CreateSelfSigned($from, $to) }
        $serial = [byte[]]::new(12); [Security.Cryptography.RandomNumberGenerator]::Fill($serial); $serial[0] = 1
        [Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::CopyWithPrivateKey($request.Create($Issuer, $from, $to, $serial), $key)
    }

    # Writes the certificate and its key as PEM files; returns their paths.
    function Export-TestCertificate($Certificate, [string] $Name) {
        $crt = Join-Path $dir "$Name.crt"
        $key = Join-Path $dir "$Name.key"
        Set-Content -LiteralPath $crt -Value $Certificate.ExportCertificatePem()
        Set-Content -LiteralPath $key -Value ([Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::GetECDsaPrivateKey($Certificate).ExportPkcs8PrivateKeyPem())
        [pscustomobject]@{ Crt = $crt; Key = $key }
    }

    function Get-FreePort {
        $listener = [Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # nginx on 127.0.0.1:<free port> serving a copy of the PEM pair, proxying /ari/ (WebSocket upgrades too) to the emulator.
    function Start-TlsProxy([pscustomobject] $Pem) {
        $port = Get-FreePort
        $prefix = Join-Path $dir "proxy$port"
        $null = New-Item -ItemType Directory $prefix
        $config = Join-Path $prefix 'nginx.conf'
        Copy-Item $Pem.Crt "$prefix/tls.crt"; Copy-Item $Pem.Key "$prefix/tls.key"
        Set-Content -LiteralPath $config -Value @"
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log info;
events { worker_connections 64; }
http {
    access_log $prefix/access.log;
    client_body_temp_path $prefix/body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    map `$http_upgrade `$connection_upgrade { default upgrade; '' close; }
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $prefix/tls.crt;
        ssl_certificate_key $prefix/tls.key;
        location /ari/ {
            proxy_pass http://127.0.0.1:$($emulator.Port);
            proxy_http_version 1.1;
            proxy_set_header Upgrade `$http_upgrade;
            proxy_set_header Connection `$connection_upgrade;
            proxy_set_header Host `$host;
            proxy_buffering off;
            proxy_read_timeout 1h;
        }
    }
}
"@
        $process = [Diagnostics.Process]::Start($nginx, @('-p', $prefix, '-c', $config, '-e', "$prefix/error.log"))
        $proxy = [pscustomobject]@{ Process = $process; Port = $port; Prefix = $prefix; Config = $config }
        Wait-Until {
            if ($process.HasExited) { throw "nginx exited ($($process.ExitCode)): $(Get-Content -Raw "$prefix/error.log" -ErrorAction SilentlyContinue)" }
            $client = [Net.Sockets.TcpClient]::new()
            try { $client.Connect('127.0.0.1', $port); $true } catch { $false } finally { $client.Dispose() }
        }
        $proxy
    }

    # The server changes its certificate: nginx reloads its configuration (SIGHUP through its pid file).
    function Set-TlsProxyCertificate($Proxy, [pscustomobject] $Pem) {
        Copy-Item $Pem.Crt "$($Proxy.Prefix)/tls.crt"; Copy-Item $Pem.Key "$($Proxy.Prefix)/tls.key"
        & $nginx -p $Proxy.Prefix -c $Proxy.Config -e "$($Proxy.Prefix)/error.log" -s reload
        if ($LASTEXITCODE -ne 0) { throw "nginx -s reload failed ($LASTEXITCODE)." }
    }

    function Stop-TlsProxy($Proxy) {
        # The master and its worker.
        if ($Proxy -and -not $Proxy.Process.HasExited) { $Proxy.Process.Kill($true); $Proxy.Process.WaitForExit() }
        if ($Proxy) { $Proxy.Process.Dispose() }
    }

    # The error record Connect-Ari (or another command) terminated with.
    function Get-Failure([scriptblock] $Script) {
        try { & $Script; $null } catch { $_ }
    }

    $ca = New-TestCertificate 'CN=PSAri Test CA' -Authority
    $caPem = Export-TestCertificate $ca 'ca'
    $otherCa = New-TestCertificate 'CN=PSAri Other CA' -Authority
    $server = New-TestCertificate 'CN=localhost' -DnsName localhost -Issuer $ca
    $otherServer = New-TestCertificate 'CN=localhost' -DnsName localhost -Issuer $otherCa
    $selfSigned = New-TestCertificate 'CN=pbx.example.test' -DnsName pbx.example.test
    $serverPem = Export-TestCertificate $server 'server'
    $otherServerPem = Export-TestCertificate $otherServer 'other-server'
    $selfSignedPem = Export-TestCertificate $selfSigned 'self-signed'
    $serverPin = [Convert]::ToHexString($server.GetCertHash('SHA256'))
    $selfSignedPin = [Convert]::ToHexString($selfSigned.GetCertHash('SHA256'))

    $emulator = Start-AriEmulator -Port 0
    $proxies = [Collections.Generic.List[object]]::new()
    # Issued by the test CA for localhost.
    $issued = Start-TlsProxy $serverPem; $proxies.Add($issued)
    # Self-signed for pbx.example.test.
    $self = Start-TlsProxy $selfSignedPem; $proxies.Add($self)

    # Receive-AriEvent in its own runspace; a snapshot of its output (enumerating an open PSDataCollection blocks).
    function Start-Receiver([string] $Arguments, $Connection) {
        Start-Background -Parameters @{ C = $Connection } -Script ([scriptblock]::Create("param(`$C) Receive-AriEvent -Connection `$C $Arguments"))
    }
    function Get-Output($bg) { @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i] }) }
    function Get-Types($bg) { @(Get-Output $bg | ForEach-Object Type) }
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    foreach ($proxy in $proxies) { Stop-TlsProxy $proxy }
    if ($emulator) { $emulator | Stop-AriEmulator }
    if ($dir) { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
}

Describe 'Connect-Ari over https:// and wss://' {
    It 'with -CertificateAuthority (a PEM path) the hello-world call works over REST and wss through nginx' {
        $connection = Connect-Ari "https://localhost:$($issued.Port)" $credential -CertificateAuthority $caPem.Crt
        $connection.Tls.Mode | Should -Be 'CertificateAuthority'
        "$($connection.Tls)" | Should -Be "CA 'CN=PSAri Test CA'"
        $connection.AsteriskVersion | Should -Not -BeNullOrEmpty

        $seen = [Collections.Concurrent.ConcurrentQueue[object]]::new()
        $bg = Start-Background -Parameters @{ C = $connection; Seen = $seen } -Script {
            param($C, $Seen)
            Receive-AriEvent -Connection $C -App hello-world | ForEach-Object { $Seen.Enqueue($_); $_ } |
                Where-Object Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world
        }
        try {
            Wait-Until { Test-AppListening $emulator hello-world }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension 1000
            Wait-Until { @($seen | Where-Object Type -eq PlaybackFinished).Count -ge 1 } -TimeoutSec 10
            $bg.Output[0].MediaUri | Should -Be 'sound:hello-world'
            $bg.Output[0].TargetUri | Should -Be "channel:$($call.Id)"
            Remove-AriChannel -ChannelId $call.Id -Connection $connection
            Wait-Until { @($seen | Where-Object Type -eq StasisEnd).Count -ge 1 } -TimeoutSec 10
            $bg.PowerShell.Streams.Error.Count | Should -Be 0
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose() }
        # The requests went through nginx, over TLS.
        Get-Content -Raw "$($issued.Prefix)/access.log" | Should -Match 'GET /ari/events\?app=hello-world'
        $connection | Disconnect-Ari
    }

    It 'takes the CA as an X509Certificate2 too' {
        $connection = Connect-Ari "https://localhost:$($issued.Port)" $credential -CertificateAuthority ([Security.Cryptography.X509Certificates.X509Certificate2]::new($ca.RawData))
        (Get-AriAsteriskInfo -Connection $connection).System.Version | Should -Be $connection.AsteriskVersion
        $connection | Disconnect-Ari
    }

    It 'fails clearly on a wrong host name, naming both the certificate''s names and the name asked for' {
        $before = @(Get-AriConnection).Count
        $failure = Get-Failure { Connect-Ari "https://127.0.0.1:$($issued.Port)" $credential -CertificateAuthority $caPem.Crt }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
        $failure.Exception | Should -BeOfType ([PSAri.Client.AriTlsException])
        $failure.Exception.Message | Should -Match "names DNS:localhost \(subject CN=localhost\), not '127\.0\.0\.1' that the URI asks for"
        @(Get-AriConnection).Count | Should -Be $before
    }

    It 'fails clearly on a chain this machine does not trust, naming the fixes' {
        $failure = Get-Failure { Connect-Ari "https://localhost:$($issued.Port)" $credential }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        $message = $failure.Exception.Message
        $message | Should -Match 'is not trusted'
        $message | Should -Match "issued by 'CN=PSAri Test CA'"
        $message | Should -Match '-CertificateAuthority'
        $message | Should -Match '-CertificateThumbprint'
        $message | Should -Match '-SkipCertificateCheck'
        $message | Should -Match $serverPin
    }

    It 'fails clearly when the chain does not end in the CA given' {
        $failure = Get-Failure { Connect-Ari "https://localhost:$($issued.Port)" $credential -CertificateAuthority $otherCa }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        $failure.Exception.Message | Should -Match "does not end in the CA given with -CertificateAuthority \('CN=PSAri Other CA'\)"
    }

    It 'accepts a pinned self-signed certificate whatever its name, over REST and wss' {
        $connection = Connect-Ari "https://127.0.0.1:$($self.Port)" $credential -CertificateThumbprint ($selfSignedPin.ToLower() -replace '(..)(?!$)', '$1:')
        $connection.Tls.Mode | Should -Be 'PinnedCertificate'
        "$($connection.Tls)" | Should -Be "Pinned SHA-256 $selfSignedPin"
        $bg = Start-Receiver '-App pinned-app -Count 1' $connection
        try {
            Wait-Until { Test-AppListening $emulator pinned-app }
            $call = New-AriEmulatorCall -Emulator $emulator -Extension app-pinned-app
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 10
            $bg.Output[0].Type | Should -Be 'StasisStart'
            Remove-AriChannel -ChannelId $call.Id -Connection $connection
        }
        finally { $bg.PowerShell.Dispose() }
        $connection | Disconnect-Ari
    }

    It 'fails on a wrong pin, naming both thumbprints' {
        $failure = Get-Failure { Connect-Ari "https://127.0.0.1:$($self.Port)" $credential -CertificateThumbprint $serverPin }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        $failure.Exception.Message | Should -Match "SHA-256 thumbprint $selfSignedPin, not the pinned $serverPin"
    }

    It '-SkipCertificateCheck connects anyway over REST and wss, and warns' {
        $connection = Connect-Ari "https://127.0.0.1:$($self.Port)" $credential -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'not checked'
        $connection.Tls.Mode | Should -Be 'SkipCheck'
        $events = Receive-AriEvent -Connection $connection -App skip-app -Timeout 0.5 -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $connection | Disconnect-Ari
    }

    It 'refuses TLS options for an http:// address and a thumbprint that is not SHA-256' {
        { Connect-Ari $emulator.BaseUri $credential -SkipCertificateCheck } | Should -Throw -ErrorId 'AriInvalidTlsOption,*'
        { Connect-Ari "https://127.0.0.1:$($self.Port)" $credential -CertificateThumbprint ('AB' * 20) } | Should -Throw '*SHA-1*'
        { Connect-Ari "https://127.0.0.1:$($self.Port)" $credential -CertificateAuthority (Join-Path $dir 'missing.crt') } | Should -Throw '*does not exist*'
    }

    It 'checks the certificate of the wss:// socket that carries REST with -Transport WebSocket' {
        $connection = Connect-Ari "https://localhost:$($issued.Port)" $credential -CertificateAuthority $caPem.Crt -Transport WebSocket -App tls-rest-app
        $connection.Transport | Should -Be 'WebSocket'
        (Get-AriAsteriskInfo -Connection $connection).System.Version | Should -Be $connection.AsteriskVersion
        $connection | Disconnect-Ari
        $failure = Get-Failure { Connect-Ari "https://localhost:$($issued.Port)" $credential -Transport WebSocket -App tls-rest-app }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        $failure.Exception.Message | Should -Match 'is not trusted'
    }

    It 'shows no TLS mode on an http:// connection' {
        $connection = Connect-Ari $emulator.BaseUri $credential
        $connection.Tls | Should -BeNullOrEmpty
        $connection | Disconnect-Ari
    }
}

Describe 'Reconnecting over wss://' {
    BeforeAll {
        $changing = Start-TlsProxy $serverPem; $proxies.Add($changing)
        $otherPin = [Convert]::ToHexString($otherServer.GetCertHash('SHA256'))
    }

    It 'checks the certificate again on every reconnect' {
        $connection = Connect-Ari "https://localhost:$($changing.Port)" $credential -CertificateAuthority $caPem.Crt
        $bg = Start-Receiver '-App reconnect-app -MaxReconnectDelay 0.3 -MaxReconnectAttempts 3' $connection
        try {
            Wait-Until { Test-AppListening $emulator reconnect-app }
            # A drop: the stream comes back through the same checked TLS.
            $emulator.DropEventSockets()
            Wait-Until { (Get-Types $bg) -contains 'ConnectionRestored' } -TimeoutSec 10
            $connection.Reconnects | Should -Be 1

            # The server now presents a certificate of another CA; after the next drop every attempt is refused.
            Set-TlsProxyCertificate $changing $otherServerPem
            Wait-Until { try { Connect-Ari "https://localhost:$($changing.Port)" $credential -CertificateThumbprint $otherPin | Disconnect-Ari; $true } catch { $false } }
            $emulator.DropEventSockets()
            Wait-Until { $bg.Handle.IsCompleted } -TimeoutSec 20
            $errors = @($bg.PowerShell.Streams.Error)
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
            $errors[0].Exception.Message | Should -Match 'did not come back after 3 attempts'
            $errors[0].Exception.Message | Should -Match "does not end in the CA given with -CertificateAuthority \('CN=PSAri Test CA'\)"
            $connection.Reconnects | Should -Be 1

            # REST on the same connection is refused the same way.
            $failure = Get-Failure { Get-AriAsteriskInfo -Connection $connection -ErrorAction Stop }
            $failure.FullyQualifiedErrorId | Should -BeLike 'AriTlsFailure,*'
        }
        finally { $bg.PowerShell.Stop(); $bg.PowerShell.Dispose(); $connection | Disconnect-Ari }
    }
}
