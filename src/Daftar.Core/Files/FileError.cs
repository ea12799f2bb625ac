namespace Daftar.Files;

/// <summary>What kind of refusal: the file's state stands in the way, the request itself is wrong, or the caller may not.</summary>
public enum FileRefusal
{
    Conflict,
    Invalid,
    Forbidden,
}

/// <summary>Why a file refused an action; the message is English and the key of its translation.</summary>
public sealed record FileError(string Code, string Message, FileRefusal Kind = FileRefusal.Conflict)
{
    public static readonly FileError NotInYourCustody = new("file_not_in_your_custody", "The file is not with your post now; only the post that holds a file can act on it.");
    public static readonly FileError NotOpen = new("file_not_open", "The file is parked or closed; unpark or reopen it first.");
    public static readonly FileError NotParked = new("file_not_parked", "The file is not parked.");
    public static readonly FileError NotClosed = new("file_not_closed", "The file is not closed.");
    public static readonly FileError SendToSelf = new("send_to_self", "Choose a post other than your own.", FileRefusal.Invalid);
    public static readonly FileError AlreadyOpened = new("already_opened", "The recipient has already opened the file, so it can no longer be pulled back.");
    public static readonly FileError NothingToPullBack = new("nothing_to_pull_back", "You did not send this file last, so there is nothing to pull back.");
    public static readonly FileError NotYourDraft = new("not_your_draft", "Only the author's post can change or discard a draft note.");
    public static readonly FileError NoteConfirmed = new("note_confirmed", "A confirmed (green) note never changes.");
    public static readonly FileError DraftExists = new("draft_exists", "Your post already has a draft note on this file; edit that one.");
    public static readonly FileError CannotClose = new("cannot_close", "Only the post that created the file, or a post senior to it, can close it.");
    public static readonly FileError ReceiptNotOpen = new("receipt_not_open", "The receipt has already been put in a file or closed.");
    public static readonly FileError NoSuchCorrespondence = new("no_such_correspondence", "There is no such item in the correspondence.", FileRefusal.Invalid);
    public static readonly FileError LinkToSelf = new("link_to_self", "A file cannot be linked to itself.", FileRefusal.Invalid);
    public static readonly FileError AlreadyLinked = new("already_linked", "The two files are already linked.");
    public static readonly FileError NotLinked = new("not_linked", "The two files are not linked.");
    public static readonly FileError CannotShareGraded = new("cannot_share_graded", "Confidential and secret files are seen only by the posts they pass through; they cannot be shared.", FileRefusal.Invalid);
    public static readonly FileError AlreadySees = new("already_sees", "That post can already see this file.");
    public static readonly FileError NotShared = new("not_shared", "The file is not shared with that post.");
    public static readonly FileError SignBeforeSending = new("sign_before_sending", "This file needs your notes digitally signed before it moves on: confirm your note, sign it with your PIN, then send.", FileRefusal.Invalid);
    public static readonly FileError EmptyNote = new("empty_note", "Write the note first.", FileRefusal.Invalid);
    public static readonly FileError NoteNotConfirmed = new("note_not_confirmed", "Only a confirmed (green) note can be signed.");
    public static readonly FileError NotYourNote = new("not_your_note", "Only the author of a note can sign it.", FileRefusal.Forbidden);
    public static readonly FileError NoteSigned = new("note_signed", "This note is already signed.");
}
