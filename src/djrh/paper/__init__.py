"""What goes on paper, shared by the forms and the reports: the house style (GB/T 9704), the trace footer, PDF conversion."""
