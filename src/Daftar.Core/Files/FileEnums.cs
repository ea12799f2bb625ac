namespace Daftar.Files;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FileKind>))]
public enum FileKind { Electronic = 1, Physical = 2 }

/// <summary>Security grading: confidential and secret files are seen only by the posts in their chain.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Grading>))]
public enum Grading { Normal = 1, Confidential = 2, Secret = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FileStatus>))]
public enum FileStatus { Open = 1, Parked = 2, Closed = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Priority>))]
public enum Priority { Normal = 1, Urgent = 2, Immediate = 3 }

/// <summary>Record retention: A is kept permanently, B and C for a number of years.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RetentionCategory>))]
public enum RetentionCategory { A = 1, B = 2, C = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MovementKind>))]
public enum MovementKind { Created = 1, Sent = 2, PulledBack = 3, Parked = 4, Unparked = 5, Closed = 6, Reopened = 7 }
