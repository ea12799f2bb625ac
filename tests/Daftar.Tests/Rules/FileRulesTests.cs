using Daftar.Files;
using Daftar.People;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Rules;

/// <summary>
/// Issue #31 item 3: the file's rules tested on the entity alone, without a database or HTTP (milliseconds each).
/// A clerk (level 9) in a section, its section officer (level 7) and a deputy secretary (level 5).
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class FileRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(5.5));
    private readonly Employee _priyanka = new("RJ1", "Priyanka Sharma", "प्रियंका शर्मा", null, null);
    private readonly Post _clerk, _sectionOfficer, _deputySecretary;
    private readonly Department _department = new("DOIT", "DoIT&C", "सूचना प्रौद्योगिकी", "DOIT");
    private readonly Section _section;

    public FileRulesTests()
    {
        var office = new Office("SECT", "Secretariat", "सचिवालय", OfficeType.Secretariat, _department, null);
        _section = new Section(office, "GR-1", "Group 1", "समूह 1");
        _deputySecretary = WithId(new Post("DS", new Designation("DS", "Deputy Secretary", "उप शासन सचिव", 5), office, _section, null), 3);
        _sectionOfficer = WithId(new Post("SO", new Designation("SO", "Section Officer", "अनुभाग अधिकारी", 7), office, _section, _deputySecretary), 2);
        _clerk = WithId(new Post("LDC", new Designation("LDC", "Junior Assistant", "कनिष्ठ सहायक", 9), office, _section, _sectionOfficer), 1);
    }

    // Ids are the database's to give; a rule compares posts by id, so the tests give them by hand.
    private static Post WithId(Post post, int id)
    {
        typeof(Post).GetProperty(nameof(Post.Id))!.SetValue(post, id);
        return post;
    }

    private EFile NewFile() => new(1, "F.1(1)/DOIT/2026", "Laptops for home work", null, FileKind.Electronic, Grading.Normal,
        RetentionCategory.B, 10, _department, _section, _clerk, _priyanka, Now);

    [Fact]
    public void ANewFile_IsOpen_AndHeldByThePostThatCreatedIt()
    {
        var file = NewFile();
        Assert.Equal(FileStatus.Open, file.Status);
        Assert.True(file.IsHeldBy(_clerk.Id));
        Assert.Equal(MovementKind.Created, Assert.Single(file.Movements).Kind);
    }

    [Fact]
    public void Send_OnlyByTheHolder_NotToItself_AndNotWhileParked()
    {
        var file = NewFile();
        Assert.Equal(FileError.NotInYourCustody, file.SendTo(_sectionOfficer, _deputySecretary, _priyanka, null, Priority.Normal, null, Now));
        Assert.Equal(FileError.SendToSelf, file.SendTo(_clerk, _clerk, _priyanka, null, Priority.Normal, null, Now));
        Assert.Null(file.Park(_clerk, _priyanka, "awaiting budget", Now));
        Assert.Equal(FileError.NotOpen, file.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now));
        Assert.Null(file.Unpark(_clerk, _priyanka, Now));
        Assert.Null(file.SendTo(_clerk, _sectionOfficer, _priyanka, "for approval", Priority.Urgent, null, Now));
        Assert.True(file.IsHeldBy(_sectionOfficer.Id));
        Assert.Contains(file.Participants, p => p.PostId == _sectionOfficer.Id);
    }

    [Fact]
    public void Send_ConfirmsTheSendersDraftNote_AsTheNextGreenNote()
    {
        var file = NewFile();
        Assert.Equal(FileError.EmptyNote, file.SaveDraftNote(_clerk, _priyanka, "  ", "", Now, out _));
        Assert.Null(file.SaveDraftNote(_clerk, _priyanka, "Forty laptops are proposed.", "<p>Forty laptops are proposed.</p>", Now, out var note));
        Assert.False(note.IsConfirmed);
        Assert.Null(file.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now));
        Assert.True(note.IsConfirmed);
        Assert.Equal(1, note.Number);
    }

    [Fact]
    public void ADraftNote_IsConfirmedOrDiscardedOnlyByItsAuthorsPost()
    {
        var file = NewFile();
        Assert.Null(file.SaveDraftNote(_clerk, _priyanka, "Draft", "<p>Draft</p>", Now, out var note));
        Assert.Equal(FileError.NotYourDraft, file.ConfirmNote(note, _sectionOfficer, Now));
        Assert.Equal(FileError.NotYourDraft, file.DiscardDraft(note, _sectionOfficer));
        Assert.Null(file.ConfirmNote(note, _clerk, Now));
        Assert.Equal(FileError.NoteConfirmed, file.DiscardDraft(note, _clerk));
    }

    [Fact]
    public void PullBack_WorksUntilTheRecipientOpens_AndOnlyForTheSender()
    {
        var file = NewFile();
        Assert.Equal(FileError.NothingToPullBack, file.PullBack(_clerk, _priyanka, Now));
        Assert.Null(file.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now));
        Assert.Equal(FileError.NothingToPullBack, file.PullBack(_deputySecretary, _priyanka, Now));
        Assert.Null(file.PullBack(_clerk, _priyanka, Now.AddMinutes(1)));
        Assert.True(file.IsHeldBy(_clerk.Id));

        Assert.Null(file.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now.AddMinutes(2)));
        Assert.False(file.MarkOpened(_clerk.Id, Now.AddMinutes(3)));   // only the recipient's opening counts
        Assert.True(file.MarkOpened(_sectionOfficer.Id, Now.AddMinutes(3)));
        Assert.Equal(FileError.AlreadyOpened, file.PullBack(_clerk, _priyanka, Now.AddMinutes(4)));
    }

    [Fact]
    public void Close_ByTheCreatingPostOrASeniorOne_NotAJuniorOne_ThenReopen()
    {
        var file = NewFile();
        Assert.Null(file.SendTo(_clerk, _deputySecretary, _priyanka, null, Priority.Normal, null, Now));
        Assert.Null(file.SendTo(_deputySecretary, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now));
        Assert.Null(file.Close(_sectionOfficer, _priyanka, "done", Now));   // senior to the creating clerk
        Assert.Equal(FileStatus.Closed, file.Status);
        Assert.Equal(FileError.NotOpen, file.Park(_sectionOfficer, _priyanka, null, Now));
        Assert.Null(file.Reopen(_sectionOfficer, _priyanka, "audit para", Now));

        var juniors = NewFile();
        Assert.Null(juniors.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now));
        Assert.Null(juniors.SendTo(_sectionOfficer, _clerk, _priyanka, null, Priority.Normal, null, Now));
        var otherClerk = WithId(new Post("LDC2", new Designation("LDC", "Junior Assistant", "कनिष्ठ सहायक", 9), _clerk.Office, _section, _sectionOfficer), 4);
        Assert.Null(juniors.SendTo(_clerk, otherClerk, _priyanka, null, Priority.Normal, null, Now));
        Assert.Equal(FileError.CannotClose, juniors.Close(otherClerk, _priyanka, null, Now));
    }

    [Fact]
    public void Send_UnderASignaturePolicy_NeedsTheSendersNotesSigned_OnlyAtTheLevelsItCovers()
    {
        var file = NewFile();
        file.RequireSignedNotes(7);
        Assert.False(file.RequiresSignatureFrom(_clerk));
        Assert.True(file.RequiresSignatureFrom(_sectionOfficer));

        // The clerk (level 9) is below the policy: an unsigned note of theirs goes up.
        Assert.Null(file.SaveDraftNote(_clerk, _priyanka, "Put up for approval.", "<p>Put up for approval.</p>", Now, out _));
        Assert.Null(file.SendTo(_clerk, _sectionOfficer, _priyanka, null, Priority.Normal, null, Now, unsignedGreenNotes: true));

        // The section officer (level 7) is covered: a yellow draft would go unsigned, and so would a green note without a signature.
        Assert.Null(file.SaveDraftNote(_sectionOfficer, _priyanka, "Approved.", "<p>Approved.</p>", Now, out _));
        Assert.Equal(FileError.SignBeforeSending, file.SendTo(_sectionOfficer, _deputySecretary, _priyanka, null, Priority.Normal, null, Now));
        Assert.True(file.IsHeldBy(_sectionOfficer.Id));
        var draft = file.Notes.Single(n => !n.IsConfirmed);
        Assert.Null(file.ConfirmNote(draft, _sectionOfficer, Now));
        Assert.Equal(FileError.SignBeforeSending, file.SendTo(_sectionOfficer, _deputySecretary, _priyanka, null, Priority.Normal, null, Now, unsignedGreenNotes: true));

        // Once signed, it moves on.
        Assert.Null(file.SendTo(_sectionOfficer, _deputySecretary, _priyanka, null, Priority.Normal, null, Now, unsignedGreenNotes: false));
        Assert.True(file.IsHeldBy(_deputySecretary.Id));
    }

    [Fact]
    public void ANote_IsSignedOnlyGreen_OnlyByItsAuthorsPost_AndOnce()
    {
        var file = NewFile();
        Assert.Null(file.SaveDraftNote(_clerk, _priyanka, "Put up.", "<p>Put up.</p>", Now, out var note));
        Assert.Equal(FileError.NoteNotConfirmed, note.MaySign([_clerk.Id], alreadySigned: false));
        Assert.Null(file.ConfirmNote(note, _clerk, Now));
        Assert.Equal(FileError.NotYourNote, note.MaySign([_sectionOfficer.Id, _deputySecretary.Id], alreadySigned: false));
        Assert.Equal(FileRefusal.Forbidden, FileError.NotYourNote.Kind);
        Assert.Equal(FileError.NoteSigned, note.MaySign([_clerk.Id], alreadySigned: true));
        Assert.Null(note.MaySign([_sectionOfficer.Id, _clerk.Id], alreadySigned: false));
    }
}
