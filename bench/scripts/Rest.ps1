# One form of the REST benchmark in a fresh pwsh: N sequential GETs of one channel, after one warm-up GET.
#   PSAri:   Get-AriChannel -Id
#   Http:    a bare HttpClient, called from the PowerShell loop
#   Cmdlet:  the same HttpClient GET inside a trivial binary cmdlet (Invoke-BenchGet): what invoking any cmdlet adds
# The emulator counts accepted TCP connections: the timed loop must use exactly one.
# -WarmupRounds N runs the loop N times untimed first: the figure of a warm process instead of a first run.
param(
    [Parameter(Mandatory)] [ValidateSet('PSAri', 'Http', 'Cmdlet')] [string] $Form,
    [Parameter(Mandatory)] [int] $Count,
    [int] $WarmupRounds = 0,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TrivialModulePath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if ($Form -eq 'Cmdlet') { Import-Module $TrivialModulePath }
$emulator = Start-AriEmulator -Port 0
try {
    $credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
    $before = $emulator.ConnectionCount
    $null = Connect-Ari $emulator.BaseUri $credential
    $id = (New-AriChannel -Endpoint Local/wait@default -Extension wait).Id   # a call that stays up in the dialplan
    if ($Form -eq 'PSAri') {
        $null = Get-AriChannel -Id $id
        $loop = { for ($i = 0; $i -lt $Count; $i++) { $null = Get-AriChannel -Id $id } }
    }
    else {
        $before = $emulator.ConnectionCount
        $http = [Net.Http.HttpClient]::new()
        $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Basic', [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('asterisk:asterisk')))
        $uri = [uri]::new($emulator.BaseUri, "ari/channels/$id")
        $null = $http.GetByteArrayAsync($uri).GetAwaiter().GetResult()
        if ($Form -eq 'Http') {
            $loop = { for ($i = 0; $i -lt $Count; $i++) { $null = $http.GetByteArrayAsync($uri).GetAwaiter().GetResult() } }
        }
        else {
            $null = Invoke-BenchGet -Client $http -Uri $uri
            $loop = { for ($i = 0; $i -lt $Count; $i++) { $null = Invoke-BenchGet -Client $http -Uri $uri } }
        }
    }
    for ($r = 0; $r -lt $WarmupRounds; $r++) { . $loop }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    . $loop
    $perSecond = $Count / $clock.Elapsed.TotalSeconds
    'RESULT ' + (@{ perSecond = $perSecond; connections = $emulator.ConnectionCount - $before } | ConvertTo-Json -Compress)
}
finally {
    if ($http) { $http.Dispose() }
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}
