# The operation table (docs/en-US/about_PSAri_Operations.md) against Asterisk 22's API docs and the module.
# The api-docs checks run when ../shared/ari-api-docs-22 exists beside the repository; the exported-cmdlet
# check always runs.
BeforeDiscovery {
    $script:TablePath = Join-Path $PSScriptRoot '../docs/en-US/about_PSAri_Operations.md'
    $script:ApiDocs = Join-Path $PSScriptRoot '../../shared/ari-api-docs-22'
    $script:HaveApiDocs = Test-Path (Join-Path $script:ApiDocs 'resources.json')
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $tablePath = Join-Path $PSScriptRoot '../docs/en-US/about_PSAri_Operations.md'
    $apiDocs = Join-Path $PSScriptRoot '../../shared/ari-api-docs-22'

    # The rows of the one table whose header is exactly '| Operation | Method | Path | Cmdlet |'.
    function Get-OperationRow([string] $Path) {
        $lines = Get-Content -LiteralPath $Path
        $start = [array]::IndexOf($lines, '| Operation | Method | Path | Cmdlet |')
        if ($start -lt 0) { throw "No table with the header '| Operation | Method | Path | Cmdlet |' in $Path." }
        $rows = for ($i = $start + 2; $i -lt $lines.Count -and $lines[$i].StartsWith('|'); $i++) {
            $cells = $lines[$i].Trim().Trim('|').Split('|') | ForEach-Object Trim
            [pscustomobject]@{ Operation = $cells[0]; Method = $cells[1]; Path = $cells[2]; Cmdlet = $cells[3]; Line = $i + 1 }
        }
        @($rows)
    }

    # Every operation of the api-docs: resource (file name) . nickname, method, path.
    function Get-ApiOperation([string] $Folder) {
        foreach ($file in Get-ChildItem -LiteralPath $Folder -Filter *.json | Where-Object Name -ne 'resources.json') {
            $doc = Get-Content -Raw -LiteralPath $file.FullName | ConvertFrom-Json
            foreach ($api in $doc.apis) {
                foreach ($op in $api.operations) {
                    [pscustomobject]@{ Operation = "$($file.BaseName).$($op.nickname)"; Method = $op.httpMethod; Path = $api.path }
                }
            }
        }
    }

    $rows = Get-OperationRow $tablePath
}

Describe 'The operation table' {
    It 'has one row per operation of Asterisk 22.10.1 (109), each operation once' {
        $rows.Count | Should -Be 109
        $dupes = $rows | Group-Object Operation | Where-Object Count -gt 1 | ForEach-Object Name
        $dupes | Should -BeNullOrEmpty -Because 'each operation has one row'
    }

    It 'writes each row as resource.nickname, an HTTP method and a path below /ari' {
        $bad = $rows | Where-Object {
            $_.Operation -notmatch '^[a-zA-Z]+\.[a-zA-Z_]+$' -or $_.Method -notin 'GET', 'POST', 'PUT', 'DELETE' -or -not $_.Path.StartsWith('/')
        } | ForEach-Object { "line $($_.Line): $($_.Operation)" }
        $bad | Should -BeNullOrEmpty
    }

    It 'names only cmdlets the module exports' {
        $exported = (Get-Module PSAri).ExportedCmdlets.Keys
        $missing = $rows | Where-Object Cmdlet -notin $exported | ForEach-Object { "$($_.Cmdlet) ($($_.Operation))" } | Sort-Object -Unique
        $missing | Should -BeNullOrEmpty -Because "every cmdlet of the table must be exported; missing: $($missing -join ', ')"
    }

    It 'names cmdlets with approved verbs and Ari-prefixed nouns' {
        $verbs = (Get-Verb).Verb
        $bad = $rows.Cmdlet | Sort-Object -Unique | Where-Object {
            $verb, $noun = $_.Split('-', 2)
            $verb -notin $verbs -or $noun -notlike 'Ari*'
        }
        $bad | Should -BeNullOrEmpty
    }

    # Defined only where the api-docs are (../shared beside the repository), so it is never reported as skipped.
    if ($script:HaveApiDocs) {
    It 'matches the api-docs: every operation there has a row with the same method and path' {
        $api = @(Get-ApiOperation $apiDocs)
        $api.Count | Should -Be 109
        $byName = @{}
        foreach ($a in $api) { $byName[$a.Operation] = $a }
        $problems = foreach ($row in $rows) {
            $a = $byName[$row.Operation]
            if (-not $a) { "line $($row.Line): $($row.Operation) is not an operation of the api-docs"; continue }
            if ($a.Method -ne $row.Method) { "line $($row.Line): $($row.Operation) is $($a.Method), not $($row.Method)" }
            if ($a.Path -ne $row.Path) { "line $($row.Line): $($row.Operation) is $($a.Path), not $($row.Path)" }
        }
        $problems | Should -BeNullOrEmpty
        $absent = $api.Operation | Where-Object { $_ -notin $rows.Operation }
        $absent | Should -BeNullOrEmpty -Because 'every operation needs a row'
    }
    }
}
