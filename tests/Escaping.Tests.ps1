# Ids and names that look like paths, queries or fragments reach exactly the resource meant: the emulator's
# RequestLog holds each request line as it arrived, and these tests compare it byte for byte.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $credential = New-TestCredential
    $emulator = Start-AriEmulator -Port 0
    $connection = Connect-Ari $emulator.BaseUri $credential

    # Runs the action and returns the request lines it caused.
    function Get-RequestLine([scriptblock] $Action) {
        $emulator.ClearRequestLog()
        $null = & $Action
        , @($emulator.RequestLog)
    }

    # 2,000 characters mixing every awkward one, and its escaped form written out by hand.
    $longId = 'ab/?#% ü' * 250
    $longEscaped = 'ab%2F%3F%23%25%20%C3%BC' * 250
}

AfterAll {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}

Describe 'Path segments and query values are escaped' {
    It '<Name>' -ForEach @(
        @{ Name = 'Get-AriChannel a/b'; Action = { Get-AriChannel -Id 'a/b' -ErrorAction SilentlyContinue }; Line = 'GET /ari/channels/a%2Fb HTTP/1.1' }
        @{ Name = 'Get-AriChannel a/../b'; Action = { Get-AriChannel -Id 'a/../b' -ErrorAction SilentlyContinue }; Line = 'GET /ari/channels/a%2F..%2Fb HTTP/1.1' }
        @{ Name = 'Get-AriChannel ?#%'; Action = { Get-AriChannel -Id 'x?y#z%' -ErrorAction SilentlyContinue }; Line = 'GET /ari/channels/x%3Fy%23z%25 HTTP/1.1' }
        @{ Name = 'Get-AriChannel of a Local channel name'; Action = { Get-AriChannel -Id 'Local/1000@default-00000000;2' -ErrorAction SilentlyContinue }; Line = 'GET /ari/channels/Local%2F1000%40default-00000000%3B2 HTTP/1.1' }
        @{ Name = 'Get-AriStoredRecording dir/rec 1'; Action = { Get-AriStoredRecording 'dir/rec 1' -ErrorAction SilentlyContinue }; Line = 'GET /ari/recordings/stored/dir%2Frec%201 HTTP/1.1' }
        @{ Name = 'Remove-AriStoredRecording ../x'; Action = { Remove-AriStoredRecording -RecordingName '../x' -Confirm:$false -ErrorAction SilentlyContinue }; Line = 'DELETE /ari/recordings/stored/..%2Fx HTTP/1.1' }
        @{ Name = 'Copy-AriStoredRecording a/b to c?d'; Action = { Copy-AriStoredRecording -RecordingName 'a/b' -Destination 'c?d&e=f' -ErrorAction SilentlyContinue }; Line = 'POST /ari/recordings/stored/a%2Fb/copy?destinationRecordingName=c%3Fd%26e%3Df HTTP/1.1' }
        @{ Name = 'Get-AriLiveRecording x/../y'; Action = { Get-AriLiveRecording -RecordingName 'x/../y' -ErrorAction SilentlyContinue }; Line = 'GET /ari/recordings/live/x%2F..%2Fy HTTP/1.1' }
        @{ Name = 'Get-AriChannelVariable X?Y'; Action = { Get-AriChannelVariable -ChannelId 'c1' -Name 'X?Y' -ErrorAction SilentlyContinue }; Line = 'GET /ari/channels/c1/variable?variable=X%3FY HTTP/1.1' }
        @{ Name = 'Set-AriChannelVariable A&B=C'; Action = { Set-AriChannelVariable -ChannelId 'c 1' -Name 'A&B=C' -Value 'v/..?#' -ErrorAction SilentlyContinue }; Line = 'POST /ari/channels/c%201/variable?variable=A%26B%3DC&value=v%2F..%3F%23 HTTP/1.1' }
        @{ Name = 'Get-AriSound digits/1'; Action = { Get-AriSound 'digits/1' -ErrorAction SilentlyContinue }; Line = 'GET /ari/sounds/digits%2F1 HTTP/1.1' }
        @{ Name = 'New-AriBridge ü#%'; Action = { New-AriBridge -BridgeId 'ü#%' -ErrorAction SilentlyContinue }; Line = 'POST /ari/bridges/%C3%BC%23%25 HTTP/1.1' }
        @{ Name = 'Get-AriBridge with an escaped-looking id'; Action = { Get-AriBridge -Id '..%2F..' -ErrorAction SilentlyContinue }; Line = 'GET /ari/bridges/..%252F.. HTTP/1.1' }
        @{ Name = 'Get-AriPlayback p#1'; Action = { Get-AriPlayback -Id 'p#1' -ErrorAction SilentlyContinue }; Line = 'GET /ari/playbacks/p%231 HTTP/1.1' }
        @{ Name = 'Get-AriEndpoint PJSIP x/y'; Action = { Get-AriEndpoint -Technology 'PJSIP' -Resource 'x/y' -ErrorAction SilentlyContinue }; Line = 'GET /ari/endpoints/PJSIP/x%2Fy HTTP/1.1' }
        @{ Name = 'Get-AriDeviceState Stasis:a/b'; Action = { Get-AriDeviceState -DeviceName 'Stasis:a/b' -ErrorAction SilentlyContinue }; Line = 'GET /ari/deviceStates/Stasis%3Aa%2Fb HTTP/1.1' }
        @{ Name = 'Invoke-AriChannelPlay media with , & #'; Action = { Invoke-AriChannelPlay -ChannelId 'c/1' -Media 'sound:a#b&c=d' -ErrorAction SilentlyContinue }; Line = 'POST /ari/channels/c%2F1/play?media=sound%3Aa%23b%26c%3Dd HTTP/1.1' }
    ) {
        Get-RequestLine $Action | Should -Be @($Line)
    }

    It 'a 2,000-character id stays one segment (<_>)' -ForEach @('Get-AriChannel', 'Get-AriBridge', 'Get-AriPlayback') {
        $resource = @{ 'Get-AriChannel' = 'channels'; 'Get-AriBridge' = 'bridges'; 'Get-AriPlayback' = 'playbacks' }[$_]
        $command = $_
        $lines = Get-RequestLine { & $command -Id $longId -ErrorAction SilentlyContinue }
        $lines | Should -Be @("GET /ari/$resource/$longEscaped HTTP/1.1")
        $lines[0].Length | Should -Be ("GET /ari/$resource/ HTTP/1.1".Length + 23 * 250)
    }

    It 'a 2,000-character variable name and value travel in the query' {
        Get-RequestLine { Get-AriChannelVariable -ChannelId 'c1' -Name $longId -ErrorAction SilentlyContinue } |
            Should -Be @("GET /ari/channels/c1/variable?variable=$longEscaped HTTP/1.1")
    }
}

Describe 'The escaped request reaches exactly the intended object' {
    It 'a bridge with the id <Shown> is created, read, given variables and removed under that id' -ForEach @(
        @{ Id = 'ñ#%'; Shown = 'ñ#%' }
        @{ Id = 'a/../b'; Shown = 'a/../b' }
        @{ Id = 'q?x=1&y'; Shown = 'q?x=1&y' }
        @{ Id = 'sp ace+plus'; Shown = 'sp ace+plus' }
        @{ Id = ('z/?#' * 500); Shown = "'z/?#' * 500" }
    ) {
        $bridge = New-AriBridge -BridgeId $id
        $bridge.Id | Should -BeExactly $id
        (Get-AriBridge -Id $id).Id | Should -BeExactly $id
        Set-AriBridgeVariable -BridgeId $id -Name 'X?Y&Z=1' -Value 'a/b?c#d %'
        (Get-AriBridgeVariable -BridgeId $id -Name 'X?Y&Z=1').Value | Should -BeExactly 'a/b?c#d %'
        # The lookalike ids are other resources.
        Get-AriBridge -Id ($id + '/') -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Remove-AriBridge -BridgeId $id -Confirm:$false
        @(Get-AriBridge | Where-Object Id -eq $id) | Should -HaveCount 0
    }

    It 'the sound digits/1 is found by its id' {
        (Get-AriSound 'digits/1').Id | Should -Be 'digits/1'
    }
}

Describe 'Values that cannot be a path segment are refused before any request' {
    It '<Name>' -ForEach @(
        @{ Name = "Get-AriChannel '.'"; Action = { Get-AriChannel -Id '.' -ErrorAction Stop } }
        @{ Name = "Get-AriChannel '..'"; Action = { Get-AriChannel -Id '..' -ErrorAction Stop } }
        @{ Name = "Get-AriChannel ''"; Action = { Get-AriChannel -Id '' -ErrorAction Stop } }
        @{ Name = "Get-AriStoredRecording '..'"; Action = { Get-AriStoredRecording '..' -ErrorAction Stop } }
        @{ Name = "Remove-AriStoredRecording '.'"; Action = { Remove-AriStoredRecording -RecordingName '.' -Confirm:$false -ErrorAction Stop } }
        @{ Name = "Get-AriChannelVariable on channel '..'"; Action = { Get-AriChannelVariable -ChannelId '..' -Name 'X' -ErrorAction Stop } }
        @{ Name = "Get-AriSound '..'"; Action = { Get-AriSound '..' -ErrorAction Stop } }
        @{ Name = "New-AriBridge '..'"; Action = { New-AriBridge -BridgeId '..' -ErrorAction Stop } }
        @{ Name = "Remove-AriBridge '.'"; Action = { Remove-AriBridge -BridgeId '.' -Confirm:$false -ErrorAction Stop } }
        @{ Name = "Get-AriEndpoint '..' '..'"; Action = { Get-AriEndpoint -Technology '..' -Resource 'x' -ErrorAction Stop } }
        @{ Name = "Invoke-AriChannelPlay on '..'"; Action = { Invoke-AriChannelPlay -ChannelId '..' -Media 'sound:x' -ErrorAction Stop } }
    ) {
        $emulator.ClearRequestLog()
        $failure = $null
        try { & $Action } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Match '^(AriInvalidId|ParameterArgumentValidationError),'
        # AriInvalidId is InvalidArgument; PowerShell's own parameter validation says InvalidData.
        $failure.CategoryInfo.Category | Should -BeIn @('InvalidArgument', 'InvalidData')
        @($emulator.RequestLog) | Should -HaveCount 0
    }
}

Describe 'The request log' {
    It 'keeps request lines only: no header, no password; an api_key value is redacted' {
        $emulator.ClearRequestLog()
        $null = Get-AriChannel
        $uri = [uri]::new($emulator.BaseUri, "ari/asterisk/info?api_key=${TestUser}:$TestPassword&x=1")
        $null = Invoke-RestMethod $uri
        $uri = [uri]::new($emulator.BaseUri, "ari/asterisk/info?x=%2F&api_key=${TestUser}%3A$TestPassword")
        $null = Invoke-RestMethod $uri
        $log = @($emulator.RequestLog)
        $log | Should -Be @('GET /ari/channels HTTP/1.1', 'GET /ari/asterisk/info?api_key=REDACTED&x=1 HTTP/1.1', 'GET /ari/asterisk/info?x=%2F&api_key=REDACTED HTTP/1.1')
        ($log -join "`n") | Should -Not -Match "Authorization|Basic|$TestPassword"
    }

    It 'holds the last RequestLogCapacity lines' {
        $emulator.ClearRequestLog()
        $capacity = [PSAri.Emulator.AriEmulator]::RequestLogCapacity
        $http = [System.Net.Http.HttpClient]::new()
        try {
            foreach ($i in 1..($capacity + 5)) { $null = $http.GetAsync([uri]::new($emulator.BaseUri, "ari/n$i")).GetAwaiter().GetResult() }
        }
        finally { $http.Dispose() }
        $log = @($emulator.RequestLog)
        $log | Should -HaveCount $capacity
        $log[0] | Should -Be 'GET /ari/n6 HTTP/1.1'
        $log[-1] | Should -Be "GET /ari/n$($capacity + 5) HTTP/1.1"
    }
}
