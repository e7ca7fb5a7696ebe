#Requires -Version 7.4
<#
Runs the examples of the help pages that target the emulator.

THE RULE: an example (a '### Example N: title' under '## EXAMPLES' of docs/en-US/<Cmdlet>.md, and its first
```powershell block) runs here when its code contains 'Start-AriEmulator': it starts its own emulator, so it
needs nothing else. The others (a real PBX, a connection made earlier) are listed on the host as not runnable
here; they are not tests, so they are neither passed nor skipped. docs/examples/*.Tests.ps1 and the test file
in about_PSAri_Testing run with Pester in TestKit.Tests.ps1.

Each runnable example runs in a fresh runspace with the staged module imported, within $LimitSec seconds, and
must end without a terminating error and, unless its title or text mentions an error, without non-terminating
errors either. An example that fails (or shows any error) runs once more, alone, after the others; its second
result counts.

Isolation: the emulator cmdlets default to the newest emulator of the PROCESS, so two examples running in one
process at once could place calls into each other's emulator. The examples are therefore shared among a few
worker processes (Start-Job), each running its share one after the other and stopping every emulator left
running after each example.
#>

BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '..' 'docs' 'en-US'
    $script:Examples = foreach ($page in Get-ChildItem $docs -Filter '*.md' | Where-Object Name -NotLike 'about_*' | Sort-Object Name) {
        $text = (Get-Content -Raw $page.FullName) -replace "`r`n", "`n"
        $section = [regex]::Match($text, '(?ms)^## EXAMPLES\s*$(.*?)(?=^## )').Groups[1].Value
        foreach ($m in [regex]::Matches($section, '(?ms)^### (Example \d+[^\n]*)\n(.*?)(?=^### |\z)')) {
            $body = $m.Groups[2].Value
            $code = [regex]::Match($body, '(?ms)^```powershell\s*\n(.*?)^```').Groups[1].Value
            $rest = $body.Replace($code, '')
            [pscustomobject]@{
                Name        = "$($page.BaseName): $($m.Groups[1].Value.Trim())"
                Code        = $code
                Runnable    = $code -match 'Start-AriEmulator'
                ErrorsShown = ($m.Groups[1].Value + $rest) -match '(?i)\berror'
            }
        }
    }
    $script:Runnable = @($script:Examples | Where-Object Runnable | ForEach-Object { @{ Name = $_.Name; ErrorsShown = $_.ErrorsShown } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $LimitSec = 20
    $Workers = 6
    $docs = Join-Path $PSScriptRoot '..' 'docs' 'en-US'

    # The same parsing as discovery (Pester runs BeforeAll apart from BeforeDiscovery).
    $examples = foreach ($page in Get-ChildItem $docs -Filter '*.md' | Where-Object Name -NotLike 'about_*' | Sort-Object Name) {
        $text = (Get-Content -Raw $page.FullName) -replace "`r`n", "`n"
        $section = [regex]::Match($text, '(?ms)^## EXAMPLES\s*$(.*?)(?=^## )').Groups[1].Value
        foreach ($m in [regex]::Matches($section, '(?ms)^### (Example \d+[^\n]*)\n(.*?)(?=^### |\z)')) {
            $code = [regex]::Match($m.Groups[2].Value, '(?ms)^```powershell\s*\n(.*?)^```').Groups[1].Value
            [pscustomobject]@{ Name = "$($page.BaseName): $($m.Groups[1].Value.Trim())"; Code = $code; Runnable = $code -match 'Start-AriEmulator' }
        }
    }
    $notRunnable = @($examples | Where-Object { -not $_.Runnable })
    Write-Host "Docs examples: $(@($examples).Count), run against the emulator: $(@($examples | Where-Object Runnable).Count); not runnable here (they need a real server or an earlier connection): $($notRunnable.Count)"
    foreach ($e in $notRunnable) { Write-Host "  not runnable here: $($e.Name)" }

    # Longest first (by the seconds the code waits), dealt round-robin to the workers.
    $runnable = @($examples | Where-Object Runnable | Sort-Object { ([regex]::Matches($_.Code, '(?:Timeout|Seconds) (\d+)') | ForEach-Object { [int]$_.Groups[1].Value } | Measure-Object -Sum).Sum } -Descending)
    $shares = @(for ($w = 0; $w -lt $Workers; $w++) { , @(for ($i = $w; $i -lt $runnable.Count; $i += $Workers) { @{ Name = $runnable[$i].Name; Code = $runnable[$i].Code } }) })

    $worker = {
        param($Manifest, $Share, $LimitSec)
        # As if installed: thread jobs and parallel runspaces of the examples load PSAri by name.
        $env:PSModulePath = (Split-Path (Split-Path (Split-Path $Manifest))) + [IO.Path]::PathSeparator + $env:PSModulePath
        Import-Module $Manifest
        $iss = [initialsessionstate]::CreateDefault2()
        $iss.ImportPSModule($Manifest)
        foreach ($example in $Share) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $rs = [runspacefactory]::CreateRunspace($iss)
            $rs.Open()
            # A folder of its own, for the files an example saves.
            $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "psari-example-$([guid]::NewGuid().ToString('n'))")
            $null = $rs.SessionStateProxy.Path.SetLocation($folder.FullName)
            $ps = [powershell]::Create()
            $ps.Runspace = $rs
            $null = $ps.AddScript($example.Code)
            $handle = $ps.BeginInvoke()
            $terminating = $null
            $timedOut = -not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($LimitSec))
            if ($timedOut) { $null = $ps.BeginStop($null, $null) }
            else {
                try { $null = $ps.EndInvoke($handle) }
                catch { $terminating = if ($_.Exception.InnerException) { $_.Exception.InnerException.Message } else { $_.Exception.Message } }
            }
            $errors = @($ps.Streams.Error | ForEach-Object { "$_" })
            $seconds = $clock.Elapsed.TotalSeconds
            if (-not $timedOut) { $ps.Dispose(); $rs.Dispose() }
            # Whatever the example left running must not serve the next one.
            Get-AriEmulator | Stop-AriEmulator -ErrorAction SilentlyContinue
            Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
            [pscustomobject]@{ Name = $example.Name; TimedOut = $timedOut; Terminating = $terminating; Errors = $errors; Seconds = $seconds }
        }
    }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $jobs = foreach ($share in $shares) { Start-Job -ScriptBlock $worker -ArgumentList $script:ModuleManifest, $share, $LimitSec }
    $null = $jobs | Wait-Job -Timeout ($LimitSec * ($runnable.Count / $Workers + 2))
    $script:Results = @{}
    foreach ($r in $jobs | Receive-Job -ErrorAction Continue | Where-Object Name) { $script:Results[$r.Name] = $r }
    $jobs | Remove-Job -Force
    # Many examples give a listener a second to start before a simulated phone dials; six workers on a loaded
    # 2-core machine can make that too short. So an example that failed runs once more, alone: one that a
    # change broke fails both times.
    $again = @($runnable | Where-Object { $r = $script:Results[$_.Name]; -not $r -or $r.TimedOut -or $r.Terminating -or $r.Errors } |
        ForEach-Object { @{ Name = $_.Name; Code = $_.Code } })
    if ($again) {
        Write-Host "Running $($again.Count) failed example(s) once more, alone: $(($again | ForEach-Object Name) -join '; ')"
        $job = Start-Job -ScriptBlock $worker -ArgumentList $script:ModuleManifest, $again, $LimitSec
        $null = $job | Wait-Job -Timeout ($LimitSec * ($again.Count + 2))
        foreach ($r in $job | Receive-Job -ErrorAction Continue | Where-Object Name) { $script:Results[$r.Name] = $r }
        $job | Remove-Job -Force
    }
    Write-Host ("Ran {0} examples in {1:n1} s; slowest: {2}" -f $script:Results.Count, $clock.Elapsed.TotalSeconds,
        (($script:Results.Values | Sort-Object Seconds -Descending | Select-Object -First 3 | ForEach-Object { '{0} ({1:n1} s)' -f $_.Name, $_.Seconds }) -join ', '))
}

Describe 'Docs examples against the emulator' {
    It 'finds runnable examples in the docs' {
        $script:Results.Count | Should -BeGreaterThan 50
    }

    It '<Name>' -ForEach $script:Runnable {
        $r = $script:Results[$Name]
        $r | Should -Not -BeNullOrEmpty -Because 'the worker running it reported a result'
        $r.TimedOut | Should -BeFalse -Because 'each example ends within the time limit'
        $r.Terminating | Should -BeNullOrEmpty
        if (-not $ErrorsShown) { $r.Errors | Should -BeNullOrEmpty -Because 'the example does not say it shows an error' }
    }
}
