<#
.SYNOPSIS
    The hello-world flow of Asterisk's ARI guide, end to end against PSAri's built-in emulator.
.DESCRIPTION
    Starts the emulator on 127.0.0.1, connects, and runs the card's pipeline. A simulated phone dials 1000
    (which enters Stasis(hello-world)) once the app listens; the pipeline plays sound:hello-world to it and
    hangs up when the playback finished. Prints the events seen and the playback, and exits 0 when all four
    (StasisStart, PlaybackStarted, PlaybackFinished, StasisEnd) came in that order.
    -ModulePath loads the module from a folder (the staged build); -ModuleName loads it by name from
    $env:PSModulePath (an installed package).
#>
[CmdletBinding(DefaultParameterSetName = 'Path')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Path')] [string] $ModulePath,
    [Parameter(Mandatory, ParameterSetName = 'Name')] [string] $ModuleName
)
$ErrorActionPreference = 'Stop'
$module = if ($PSCmdlet.ParameterSetName -eq 'Name') { $ModuleName } else { Join-Path $ModulePath 'PSAri.psd1' }
Import-Module $module

$credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
$emulator = Start-AriEmulator -Port 0 -Credential $credential
try {
    $null = Connect-Ari -BaseUri $emulator.BaseUri -Credential $credential
    Write-Host "Emulator listening on $($emulator.BaseUri)"

    # The phone: waits until hello-world has its WebSocket, then dials 1000.
    $phone = [powershell]::Create().AddScript({
        param($Module, $Emulator, $Credential)
        Import-Module $Module
        $uri = [uri]::new($Emulator.BaseUri, 'ari/applications/hello-world')
        for ($i = 0; $i -lt 100; $i++) {
            try { $null = Invoke-RestMethod $uri -Authentication Basic -Credential $Credential -AllowUnencryptedAuthentication; break }
            catch { Start-Sleep -Milliseconds 50 }
        }
        New-AriEmulatorCall -Emulator $Emulator -Extension 1000
    }).AddArgument($module).AddArgument($emulator).AddArgument($credential)
    $null = $phone.BeginInvoke()

    $events = [System.Collections.Generic.List[object]]::new()
    $channelId = $null
    # The card's pipeline, with a tap that records the events and hangs up once the playback finished.
    $playback = Receive-AriEvent -App hello-world -Type StasisStart, PlaybackStarted, PlaybackFinished, StasisEnd -Count 4 -Timeout 30 |
        ForEach-Object {
            $events.Add($_)
            if ($_.Type -eq 'StasisStart') { $channelId = $_.ChannelId }
            if ($_.Type -eq 'PlaybackFinished') { Remove-AriChannel -ChannelId $channelId }
            $_
        } |
        Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world

    $events | Format-Table -AutoSize Timestamp, Type, Application, ChannelId, PlaybackId | Out-Host
    Write-Host 'The playback:'
    $playback | Format-List Id, MediaUri, TargetUri, Language, State | Out-Host

    $expected = 'StasisStart', 'PlaybackStarted', 'PlaybackFinished', 'StasisEnd'
    $seen = @($events | ForEach-Object Type)
    if (($seen -join ',') -ne ($expected -join ',')) {
        Write-Error "Expected the events $($expected -join ', '); saw $($seen -join ', ')."
        exit 1
    }
    Write-Host 'Hello world: done.'
}
finally {
    Get-AriConnection | Disconnect-Ari
    $emulator | Stop-AriEmulator
}
