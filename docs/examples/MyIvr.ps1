<#
.SYNOPSIS
    A small IVR for the Stasis application my-ivr: the script that MyIvr.Tests.ps1 tests on the emulator.
.DESCRIPTION
    Answers each call and plays a menu. Key 1 plays the opening hours, key 2 puts the caller on hold
    (a holding bridge with music), # hangs up. When a caller on hold hangs up, their bridge is removed.
    Runs until stopped (Ctrl+C, or Stop-Job when it runs as a job).
.EXAMPLE
    ./MyIvr.ps1 -BaseUri http://pbx:8088 -Credential (Get-Credential asterisk)
#>
param(
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [string] $App = 'my-ivr'
)
$ErrorActionPreference = 'Stop'
$null = Connect-Ari -BaseUri $BaseUri -Credential $Credential
$onHold = @{}   # channel id -> the id of its holding bridge

Receive-AriEvent -App $App | ForEach-Object {
    $e = $_
    switch ($e.Type) {
        'StasisStart' {
            $e | Invoke-AriChannelAnswer
            $null = $e | Invoke-AriChannelPlay -Media sound:demo-congrats
        }
        'ChannelDtmfReceived' {
            switch ($e.Digit) {
                '1' { $null = $e | Invoke-AriChannelPlay -Media sound:hello-world }
                '2' {
                    $bridge = New-AriBridge -Type holding
                    Add-AriBridgeChannel -BridgeId $bridge.Id -ChannelId $e.ChannelId
                    Start-AriBridgeMusicOnHold -BridgeId $bridge.Id
                    $onHold[$e.ChannelId] = $bridge.Id
                }
                '#' { $e | Remove-AriChannel }
            }
        }
        'StasisEnd' {
            if ($onHold.ContainsKey($e.ChannelId)) {
                Remove-AriBridge -BridgeId $onHold[$e.ChannelId]
                $onHold.Remove($e.ChannelId)
            }
        }
    }
}
