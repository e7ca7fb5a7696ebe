<#
.SYNOPSIS
    Lists where a password appears in the files under a folder: as text, percent-escaped, in base64, or as the
    base64 of "user:password" (a Basic Authorization value). Writes "file:line: form" lines, never the password.
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $Password,
    [Parameter(Mandatory)] [string] $User
)
function ConvertTo-Base64([string] $Text) {
    # Without the '=' padding: JSON writers may escape it, and the rest identifies the value.
    [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)).TrimEnd('=')
}
$forms = [ordered]@{
    'the password'                         = $Password
    'the password, percent-escaped'        = [uri]::EscapeDataString($Password)
    'the password in base64'               = ConvertTo-Base64 $Password
    'the Basic credentials (user:password)' = ConvertTo-Base64 "${User}:$Password"
}
foreach ($file in Get-ChildItem -LiteralPath $Path -File -Recurse) {
    foreach ($form in $forms.Keys) {
        foreach ($hit in Select-String -LiteralPath $file.FullName -Pattern $forms[$form] -SimpleMatch) {
            '{0}:{1}: {2}' -f $file.FullName, $hit.LineNumber, $form
        }
    }
}
