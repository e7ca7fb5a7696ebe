# 2,000 sequential Get-AriChannel -Id, then the same GETs through a bare HttpClient, in one process; each side must
# use one TCP connection (the emulator counts them).
param([Parameter(Mandatory)] [int] $Count, [Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$emulator = Start-AriEmulator -Port 0
try {
    $credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
    $result = @{}

    $before = $emulator.ConnectionCount
    $null = Connect-Ari $emulator.BaseUri $credential
    $id = (New-AriChannel -Endpoint Local/wait@default -Extension wait).Id   # a call that stays up in the dialplan
    $null = Get-AriChannel -Id $id   # warm-up, as the HttpClient side gets below
    $clock = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Count; $i++) { $null = Get-AriChannel -Id $id }
    $result.psariPerSecond = $Count / $clock.Elapsed.TotalSeconds
    $result.psariConnections = $emulator.ConnectionCount - $before

    $before = $emulator.ConnectionCount
    $http = [Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Basic', [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('asterisk:asterisk')))
    $uri = [uri]::new($emulator.BaseUri, "ari/channels/$id")
    $null = $http.GetByteArrayAsync($uri).GetAwaiter().GetResult()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Count; $i++) { $null = $http.GetByteArrayAsync($uri).GetAwaiter().GetResult() }
    $result.httpPerSecond = $Count / $clock.Elapsed.TotalSeconds
    $result.httpConnections = $emulator.ConnectionCount - $before
    $http.Dispose()
    'RESULT ' + ($result | ConvertTo-Json -Compress)
}
finally {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}
