using Daftar.People;

namespace Daftar.Files;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DispatchMode>))]
public enum DispatchMode { Email = 1, Post = 2, Hand = 3, Electronic = 4 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PostalMode>))]
public enum PostalMode { Ordinary = 1, Registered = 2, SpeedPost = 3 }

/// <summary>
/// One entry of the dispatch register: an issued letter leaving the office — by e-mail (sent through SMTP), by post
/// (address, mode, postage, article number), by hand (who carried it, who received it), or electronically to a post of
/// another office on Daftar, where it arrives as a receipt with the signed PDF.
/// </summary>
public class Dispatch
{
    private Dispatch() { }

    public Dispatch(IssuedLetter letter, DispatchMode mode, string recipient, Post by, Employee employee, DateTimeOffset now)
    {
        Letter = letter;
        LetterId = letter.Id;
        FileId = letter.FileId;
        Mode = mode;
        Recipient = recipient;
        DispatchedByPost = by;
        DispatchedByPostId = by.Id;
        DispatchedBy = employee;
        DispatchedById = employee.Id;
        DispatchedAt = now;
        DispatchedOn = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(5.5)).DateTime);
    }

    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public IssuedLetter Letter { get; private set; } = null!;
    public int FileId { get; private set; }
    public DispatchMode Mode { get; private set; }
    /// <summary>Who it went to: a name and address, an e-mail address, or the addressee post's title.</summary>
    public string Recipient { get; private set; } = "";
    public string? Email { get; init; }
    public string? Address { get; init; }
    public PostalMode? PostalMode { get; init; }
    public decimal? Postage { get; init; }
    public string? ArticleNumber { get; init; }
    public string? CarriedBy { get; init; }
    public int? ToPostId { get; init; }
    public int? ReceiptId { get; init; }
    public string? Remarks { get; init; }
    public int DispatchedByPostId { get; private set; }
    public Post DispatchedByPost { get; private set; } = null!;
    public int DispatchedById { get; private set; }
    public Employee DispatchedBy { get; private set; } = null!;
    public DateTimeOffset DispatchedAt { get; private set; }
    /// <summary>The day in India it left, for the register's date search.</summary>
    public DateOnly DispatchedOn { get; private set; }
}
