using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Letters;

/// <summary>What the Letters area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class LettersErrors
{
    public static readonly Error MailNotConfigured = new("mail_not_configured", "E-mail is not set up on this server (Mail:Host and Mail:From). Dispatch by post or electronically, or ask the administrator.", ErrorKind.Conflict);
    public static readonly Error NotDispatcher = new("not_dispatcher", "Letters are dispatched by the post holding the file or by its section.", ErrorKind.Forbidden);
    public static readonly Error InvalidEmail = new("invalid_email", "This is not an e-mail address.", ErrorKind.Invalid, "email");
    public static readonly Error InvalidPostage = new("invalid_postage", "Postage must be between 0 and 100000.", ErrorKind.Invalid, "postage");
    public static readonly Error NoSection = new("no_section", "That post belongs to no section, so it has no inward register. Choose a post in a section.", ErrorKind.Invalid, "toPostId");
    public static Error MailFailed(object message) => new("mail_failed", "The e-mail could not be sent: {0}. Nothing was recorded; try again or dispatch another way.", ErrorKind.Conflict, null, message);
    public static readonly Error LetterSigned = new("letter_signed", "You have already signed this letter.", ErrorKind.Conflict);
}
