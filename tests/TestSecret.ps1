# The one password every test uses (the xunit tests too: tests/PSAri.Tests/TestSecret.cs holds the same).
# Invoke-PesterRun.ps1 ends the run by scanning everything the run produced for it (Find-LeakedSecret.ps1).
$TestUser = 'asterisk'
$TestPassword = 'PSAri-test-pw-6f2d91'
