namespace Daftar.Files;

public enum FileKind { Electronic = 1, Physical = 2 }

/// <summary>Security grading: confidential and secret files are seen only by the posts in their chain.</summary>
public enum Grading { Normal = 1, Confidential = 2, Secret = 3 }

public enum FileStatus { Open = 1, Parked = 2, Closed = 3 }

public enum Priority { Normal = 1, Urgent = 2, Immediate = 3 }

/// <summary>Record retention: A is kept permanently, B and C for a number of years.</summary>
public enum RetentionCategory { A = 1, B = 2, C = 3 }

public enum MovementKind { Created = 1, Sent = 2, PulledBack = 3, Parked = 4, Unparked = 5, Closed = 6, Reopened = 7 }
