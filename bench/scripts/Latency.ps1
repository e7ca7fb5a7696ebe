# The card's pipeline, as in README.md, against the emulator of `PSAri.Bench serve --calls N`, which times each call.
param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [int] $Calls, [Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$credential = [pscredential]::new('asterisk', (ConvertTo-SecureString 'asterisk' -AsPlainText -Force))
$null = Connect-Ari "http://127.0.0.1:$Port/" $credential
Receive-AriEvent -App hello-world | Where Type -eq StasisStart | Select-Object -First $Calls | Invoke-AriChannelPlay -Media sound:hello-world | Out-Null
