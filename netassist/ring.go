package netassist

// ring is a FIFO deque with O(1) push at the back, pop at the front and
// random access by position. Capacity is a power of two so positions wrap
// with a mask.
type ring[T any] struct {
	buf  []T
	head int // position of the oldest element in buf
	n    int // number of elements
}

// len is the number of elements; a nil ring is empty.
func (r *ring[T]) len() int {
	if r == nil {
		return 0
	}
	return r.n
}

func (r *ring[T]) push(v T) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)&(len(r.buf)-1)] = v
	r.n++
}

func (r *ring[T]) grow() {
	size := len(r.buf) * 2
	if size == 0 {
		// Small: an idle connection holds one chunk (its opening), and
		// there may be 10,000 of them.
		size = 1
	}
	buf := make([]T, size)
	for i := 0; i < r.n; i++ {
		buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
	}
	r.buf, r.head = buf, 0
}

// at returns a pointer to the i-th oldest element; 0 <= i < len.
func (r *ring[T]) at(i int) *T { return &r.buf[(r.head+i)&(len(r.buf)-1)] }

func (r *ring[T]) front() *T { return r.at(0) }

func (r *ring[T]) popFront() T {
	var zero T
	v := r.buf[r.head]
	r.buf[r.head] = zero // let the GC have what it referenced
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.n--
	if r.n == 0 {
		r.head = 0
	}
	// Give memory back after a burst: shrink when a quarter full.
	if len(r.buf) > 1024 && r.n < len(r.buf)/4 {
		buf := make([]T, len(r.buf)/2)
		for i := 0; i < r.n; i++ {
			buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
		}
		r.buf, r.head = buf, 0
	}
	return v
}

// search returns the smallest position i with !less(elem(i)), assuming the
// elements are ordered (binary search, like sort.Search).
func (r *ring[T]) search(less func(*T) bool) int {
	lo, hi := 0, r.n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if less(r.at(mid)) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// filter keeps the elements for which keep is true, in order.
func (r *ring[T]) filter(keep func(*T) bool) {
	var zero T
	j := 0
	for i := 0; i < r.n; i++ {
		v := r.at(i)
		if keep(v) {
			*r.at(j) = *v
			j++
		}
	}
	for k := j; k < r.n; k++ {
		*r.at(k) = zero
	}
	r.n = j
	if r.n == 0 {
		r.head = 0
	}
}
