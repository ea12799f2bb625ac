using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Letters;

/// <summary>Starts a draft for approval on a file the acting post holds: a letter, an order, a notice… in Hindi, English or both.</summary>
public sealed class StartDraft(FileActions files)
{
    public async Task<Result<int>> HandleAsync(int fileId, StartDraftCommand cmd, CancellationToken ct)
    {
        var v = LetterAccess.Check(cmd.Subject, cmd.Body, cmd.Addressee, cmd.Reference, out var content);
        if (cmd.Kind is not { } kind || !Enum.IsDefined(kind)) v.Add(Error.NotInList("kind"));
        if (cmd.Language is { } language && !Enum.IsDefined(language)) v.Add(Error.NotInList("language"));
        if (v.Failed) return Result<int>.Fail(v.Errors);
        Draft? started = null;
        var result = await files.RunAsync(fileId, c =>
        {
            var refused = c.File.StartDraft(c.ActingPost, c.Employee, cmd.Kind!.Value, cmd.Language ?? DraftLanguage.Hindi, content, files.Now, out var draft);
            started = draft;
            return Task.FromResult(refused);
        }, ct, FileParts.None);
        return result.Succeeded ? started!.Id : result;
    }
}

/// <summary>Saves a new version of a draft (every version is kept).</summary>
public sealed class ReviseDraft(FileActions files, LetterAccess letters)
{
    public async Task<Result<int>> HandleAsync(int draftId, ReviseDraftCommand cmd, CancellationToken ct)
    {
        var v = LetterAccess.Check(cmd.Subject, cmd.Body, cmd.Addressee, cmd.Reference, out var content);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await letters.OnDraftAsync(draftId, (c, draft) => c.File.ReviseDraft(draft, c.ActingPost, c.Employee, content, files.Now), ct);
    }
}

/// <summary>An officer senior to the drafter approves one version of the draft.</summary>
public sealed class ApproveDraft(FileActions files, LetterAccess letters)
{
    public async Task<Result<int>> HandleAsync(int draftId, ApproveDraftCommand cmd, CancellationToken ct)
    {
        if (cmd.Version is not { } version) return Error.Required("version", "Version");
        return await letters.OnDraftAsync(draftId, (c, draft) => c.File.ApproveDraft(draft, c.ActingPost, c.Employee, version, files.Now), ct);
    }
}
