namespace MSCommerce.Stub.Data;

/// <summary>One line of a purchase's order history; Quantity is the licence count after the event.</summary>
public sealed record OrderEvent(string EventType, DateTime Date, int Quantity, long AmountCents, string Currency);
