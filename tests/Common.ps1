# Shared by the Pester tests: dot-source it in BeforeAll. Imports the staged module (build.ps1 sets PSARI_MODULE_PATH).
if (-not $env:PSARI_MODULE_PATH) { throw 'PSARI_MODULE_PATH is not set: run the tests through ./build.ps1 -Task Test.' }
$script:ModuleManifest = Join-Path $env:PSARI_MODULE_PATH 'PSAri.psd1'
Import-Module $script:ModuleManifest -Force

. $PSScriptRoot/TestSecret.ps1

# Every emulator a test starts takes the one test password. When the run collects what it produces (Invoke-PesterRun
# sets PSARI_TEST_ARTIFACTS), each emulator appends its request lines there too, for the end-of-run password scan.
# (This changes the runspace's defaults table itself, so it holds for every test file of the run.)
$PSDefaultParameterValues['Start-AriEmulator:Credential'] = [pscredential]::new($TestUser, (ConvertTo-SecureString $TestPassword -AsPlainText -Force))
if ($env:PSARI_TEST_ARTIFACTS) { $PSDefaultParameterValues['Start-AriEmulator:RequestLogPath'] = Join-Path $env:PSARI_TEST_ARTIFACTS 'emulator-requests.log' }

function New-TestCredential {
    param([string] $User = $TestUser, [string] $Password = $TestPassword)
    [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
}

# Runs a script in its own runspace (as a user's second window or thread would), with the module loaded.
# Returns the PowerShell, its output collection and the async handle; Stop it with $bg.PowerShell.Stop().
function Start-Background {
    param([Parameter(Mandatory)] [scriptblock] $Script, [hashtable] $Parameters = @{})
    $ps = [powershell]::Create()
    # Import first, synchronously: a batch of statements run with BeginInvoke crashes the process if stopped midway.
    $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddScript($Script.ToString())
    foreach ($name in $Parameters.Keys) { $null = $ps.AddParameter($name, $Parameters[$name]) }
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
    [pscustomobject]@{ PowerShell = $ps; Output = $output; Handle = $handle }
}

# Polls until the condition is true; throws with the condition's text on timeout.
function Wait-Until {
    param([Parameter(Mandatory)] [scriptblock] $Condition, [double] $TimeoutSec = 10)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($clock.Elapsed.TotalSeconds -gt $TimeoutSec) { throw "Timed out after $TimeoutSec s waiting for: $Condition" }
        Start-Sleep -Milliseconds 10
    }
}

# True once the emulator has a WebSocket registered for the app (GET /ari/applications/{app} answers 200).
function Test-AppListening {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $App, [pscredential] $Credential = (New-TestCredential))
    try {
        $null = Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "ari/applications/$App")) -Authentication Basic -Credential $Credential -AllowUnencryptedAuthentication
        $true
    }
    catch { $false }
}

# Receive-AriEvent with these arguments on the connection, in its own runspace (see Start-Background).
function Start-Receiver {
    param([string] $Arguments, $Connection)
    Start-Background -Parameters @{ C = $Connection } -Script ([scriptblock]::Create("param(`$C) Receive-AriEvent -Connection `$C $Arguments"))
}

# A snapshot of what a background script wrote so far (enumerating a PSDataCollection that is still open blocks).
function Get-Output($bg) { @(for ($i = 0; $i -lt $bg.Output.Count; $i++) { $bg.Output[$i] }) }

# The event types a background receiver wrote so far.
function Get-Types($bg) { @(Get-Output $bg | ForEach-Object Type) }
