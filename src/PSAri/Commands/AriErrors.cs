using System;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Maps ARI failures to ErrorRecords: the category follows the HTTP status, the message is ARI's own.</summary>
    internal static class AriErrors
    {
        public static ErrorCategory CategoryOf(AriException e)
        {
            if (e.IsTimeout) return ErrorCategory.OperationTimeout;
            if (e is AriTlsException) return ErrorCategory.SecurityError;
            return e.StatusCode switch
            {
                0 => ErrorCategory.ConnectionError,
                400 => ErrorCategory.InvalidArgument,
                401 => ErrorCategory.AuthenticationError,
                403 => ErrorCategory.PermissionDenied,
                404 => ErrorCategory.ObjectNotFound,
                409 => ErrorCategory.InvalidOperation,
                412 => ErrorCategory.InvalidOperation,
                422 => ErrorCategory.InvalidData,
                >= 500 => ErrorCategory.ConnectionError,
                _ => ErrorCategory.NotSpecified,
            };
        }

        public static string IdOf(AriException e) =>
            e.IsTimeout ? "AriTimeout" : e is AriTlsException ? "AriTlsFailure" : e.StatusCode == 0 ? "AriConnectionFailed" : "AriHttp" + e.StatusCode;

        public static ErrorRecord Record(AriException e, object? target)
        {
            var record = new ErrorRecord(e, IdOf(e), CategoryOf(e), target);
            // Asterisk's answer for a path no loaded module serves (ARI's object-not-found errors name the object).
            if (e.StatusCode == 404 && e.Message == "Resource not found")
                record.ErrorDetails = new ErrorDetails(e.Message)
                {
                    RecommendedAction = e.Request.Contains("/ari/mailboxes")
                        ? "This Asterisk has no /mailboxes: res_ari_mailboxes needs res_mwi_external, which a default build leaves out (make menuselect, then load both modules)."
                        : "This Asterisk serves no such resource: the ARI module that provides it is not loaded (check with Get-AriModule), or the server is older than the operation.",
                };
            return record;
        }

        public static ErrorRecord Record(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
            if (recommendedAction != null)
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            return record;
        }
    }
}
