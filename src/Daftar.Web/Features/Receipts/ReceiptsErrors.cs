using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Receipts;

/// <summary>What the Receipts area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class ReceiptsErrors
{
    public static readonly Error DateInFuture = new("date_in_future", "{0} cannot be in the future.", ErrorKind.Invalid, "receivedOn", "Received on");
    public static readonly Error LetterAfterReceipt = new("letter_after_receipt", "The letter cannot be dated after it was received.", ErrorKind.Invalid, "letterDate");
    public static Error TooManyDocuments(object maxDocuments) => new("too_many_documents", "Attach at most {0} documents.", ErrorKind.Invalid, "documents", maxDocuments);
    public static readonly Error NoSection = new("no_section", "Your post belongs to no section, and every file belongs to a section. Ask the administrator to place the post in a section.", ErrorKind.Invalid);
}
