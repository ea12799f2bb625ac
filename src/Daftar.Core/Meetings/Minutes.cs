using Daftar.People;

namespace Daftar.Meetings;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MinutesStatus>))]
public enum MinutesStatus { Draft = 1, Signed = 2 }

/// <summary>
/// The minutes of one occurrence (कार्यवाही विवरण): drafted by the organiser's side, rendered to PDF and signed by the
/// chair; others (co-chairs, members) may add their signatures, each an incremental update.
/// </summary>
[Daftar.Audit.Audited]
public class MeetingMinutes
{
    private MeetingMinutes() { }

    public MeetingMinutes(MeetingOccurrence occurrence, string body, Post post, DateTimeOffset now)
    {
        Occurrence = occurrence;
        Body = body;
        DraftedByPostId = post.Id;
        UpdatedAt = now;
        Status = MinutesStatus.Draft;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int OccurrenceId { get; private set; }
    public MeetingOccurrence Occurrence { get; private set; } = null!;
    public string Body { get; private set; } = "";
    public MinutesStatus Status { get; private set; }
    public int DraftedByPostId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? PdfHash { get; private set; }
    public long? PdfSize { get; private set; }
    public int Signatures { get; private set; }
    public Guid Version { get; private set; }

    public MeetingError? Revise(string body, Post post, DateTimeOffset now)
    {
        if (Status == MinutesStatus.Signed) return MinutesSigned;
        Body = body;
        DraftedByPostId = post.Id;
        UpdatedAt = now;
        Version = Guid.NewGuid();
        return null;
    }

    public void Signed(string pdfHash, long size)
    {
        Status = MinutesStatus.Signed;
        PdfHash = pdfHash;
        PdfSize = size;
        Signatures++;
        Version = Guid.NewGuid();
    }

    public static readonly MeetingError MinutesSigned = new("minutes_signed", "The minutes are signed; they can no longer be changed.");
}
