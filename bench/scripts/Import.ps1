# Import-Module timed inside a fresh pwsh.
param([Parameter(Mandatory)] [string] $Path)
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Path -ErrorAction Stop
'RESULT ' + (@{ milliseconds = $clock.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress)
